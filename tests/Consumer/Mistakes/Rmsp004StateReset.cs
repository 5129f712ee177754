namespace Consumer.Mistakes;

/// <summary>RMSP004: the average is created anew on every step, so it never remembers a previous one.</summary>
public sealed class StateResetRmsProp
{
    private float[] _meanSquare = Array.Empty<float>();
    private readonly float _lr = 1e-3f, _decay = 0.9f, _eps = 1e-7f;

    public void Step(float[] w, float[] g)
    {
        _meanSquare = new float[w.Length];
        for (int k = 0; k < w.Length; k++)
        {
            _meanSquare[k] = _decay * _meanSquare[k] + (1 - _decay) * g[k] * g[k];
            w[k] -= _lr * g[k] / (MathF.Sqrt(_meanSquare[k]) + _eps);
        }
    }
}
