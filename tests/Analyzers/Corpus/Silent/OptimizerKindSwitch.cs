using System;

namespace Learners.Neural
{
    public enum UpdateRule { Sgd, Adam, Adagrad, RmsProp, Adadelta }

    /// <summary>
    /// One update method for every rule, with two shared state buffers whose meaning depends on the rule: the first
    /// holds Adam's raw-gradient mean but RMSProp's mean square, so the rules must be judged case by case.
    /// </summary>
    public sealed class ParameterUpdater
    {
        private readonly double[] _first;
        private readonly double[] _second;
        private readonly UpdateRule _rule;
        private readonly double _lr = 0.001, _beta1 = 0.9, _beta2 = 0.999, _rho = 0.95, _eps = 1e-8;

        public ParameterUpdater(int n, UpdateRule rule)
        {
            _first = new double[n];
            _second = new double[n];
            _rule = rule;
        }

        public void Update(float[] parameters, float[] gradients)
        {
            for (int j = 0; j < parameters.Length; j++)
            {
                double g = gradients[j];
                double dx;
                switch (_rule)
                {
                    case UpdateRule.Adam:
                        _first[j] = _beta1 * _first[j] + (1 - _beta1) * g;
                        _second[j] = _beta2 * _second[j] + (1 - _beta2) * g * g;
                        dx = -_lr * _first[j] / (Math.Sqrt(_second[j]) + _eps);
                        break;
                    case UpdateRule.Adagrad:
                        _first[j] += g * g;
                        dx = -_lr * g / Math.Sqrt(_first[j] + _eps);
                        break;
                    case UpdateRule.RmsProp:
                        _first[j] = _rho * _first[j] + (1 - _rho) * g * g;
                        dx = -_lr * g / (Math.Sqrt(_first[j]) + _eps);
                        break;
                    case UpdateRule.Adadelta:
                        _first[j] = _rho * _first[j] + (1 - _rho) * g * g;
                        // The step uses last step's delta accumulator by design; it is updated with this delta below.
                        dx = -g * Math.Sqrt(_second[j] + _eps) / Math.Sqrt(_first[j] + _eps);
                        _second[j] = _rho * _second[j] + (1 - _rho) * dx * dx;
                        break;
                    default:
                        dx = -_lr * g;
                        break;
                }

                parameters[j] += (float)dx;
            }
        }
    }
}
