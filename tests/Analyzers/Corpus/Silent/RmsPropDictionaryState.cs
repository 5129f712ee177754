using System;
using System.Collections.Generic;

namespace Graph.Training
{
    public sealed class Parameter
    {
        public string Name { get; }
        public float[] Data { get; }
        public float[] Grad { get; }

        public Parameter(string name, int size)
        {
            Name = name;
            Data = new float[size];
            Grad = new float[size];
        }
    }

    public sealed class NamedRmsProp
    {
        private readonly Dictionary<string, float[]> _state = new();
        private readonly float _lr;
        private readonly float _rho;
        private readonly float _eps;

        public NamedRmsProp(float lr = 0.001f, float rho = 0.9f, float eps = 1e-6f)
        {
            _lr = lr; _rho = rho; _eps = eps;
        }

        public void Step(IEnumerable<Parameter> parameters)
        {
            foreach (var p in parameters)
            {
                if (!_state.TryGetValue(p.Name, out var sq))
                {
                    sq = new float[p.Data.Length];
                    _state[p.Name] = sq;
                }

                for (int i = 0; i < p.Data.Length; i++)
                {
                    sq[i] = _rho * sq[i] + (1 - _rho) * p.Grad[i] * p.Grad[i];
                    p.Data[i] -= _lr * p.Grad[i] / MathF.Sqrt(sq[i] + _eps);
                }
            }
        }
    }
}
