using System;
using System.Linq;

namespace Analytics
{
    public static class Standardize
    {
        public static double[] ZScores(double[] values)
        {
            double mean = values.Average();
            double variance = values.Select(v => (v - mean) * (v - mean)).Sum() / (values.Length - 1);
            double sd = Math.Sqrt(variance);
            return values.Select(v => (v - mean) / sd).ToArray();
        }

        public static double CoefficientOfVariation(double[] values)
        {
            double mean = values.Average();
            double sumSq = 0;
            foreach (var v in values) sumSq += (v - mean) * (v - mean);
            return Math.Sqrt(sumSq / values.Length) / mean;
        }
    }
}
