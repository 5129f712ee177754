namespace Classic.Optimizers
{
    public sealed class Nesterov
    {
        private readonly float[] _v;
        public float LearningRate { get; set; } = 0.01f;
        public float Momentum { get; set; } = 0.9f;

        public Nesterov(int n) => _v = new float[n];

        public void Step(float[] w, float[] g)
        {
            for (int i = 0; i < w.Length; i++)
            {
                float vPrev = _v[i];
                _v[i] = Momentum * _v[i] - LearningRate * g[i];
                w[i] += -Momentum * vPrev + (1 + Momentum) * _v[i];
            }
        }
    }
}
