using System;

namespace Legacy.NeuralNet
{
    public class RmsPropTrainer
    {
        double[] meanSq;
        double decayRate = 0.9;
        double learnRate = 0.001;
        double smoothing = 1e-8;

        public RmsPropTrainer(int n) { meanSq = new double[n]; }

        public void Train(double[] weights, double[] dW)
        {
            for (int i = 0; i < weights.Length; i++)
            {
                meanSq[i] *= decayRate;
                meanSq[i] += (1 - decayRate) * dW[i] * dW[i];
                weights[i] += -learnRate * dW[i] / Math.Sqrt(meanSq[i] + smoothing);
            }
        }
    }
}
