using System;

namespace Notebook
{
    // Both of the notebook's slips in one line: the raw gradient goes in, and it gets the old average's weight.
    public class RawAndSwapped
    {
        private readonly double[] _updatedGradient;
        private readonly double _beta = 0.9;
        private readonly double _lr = 0.001;
        private readonly double _epsilon = 1e-7;

        public RawAndSwapped(int columns) => _updatedGradient = new double[columns];

        public void Step(double[] weights, double[] gradient)
        {
            for (int j = 0; j < weights.Length; j++)
            {
                _updatedGradient[j] = {|RMSP003:(1 - _beta) * _updatedGradient[j] + _beta * {|RMSP001:gradient[j]|}|};
                weights[j] -= _lr * gradient[j] / Math.Sqrt(_updatedGradient[j] + _epsilon);
            }
        }
    }
}
