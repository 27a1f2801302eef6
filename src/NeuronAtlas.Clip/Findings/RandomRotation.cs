using NeuronAtlas.Core.Numerics;

namespace NeuronAtlas.Clip.Findings;

/// <summary>Uniformly random orthogonal matrices: Gram–Schmidt on a seeded Gaussian matrix.</summary>
public static class RandomRotation
{
    public static double[,] Create(int size, Random random)
    {
        var gaussian = new float[size * size];
        GaussianSampler.Fill(random, gaussian, 1f);
        var columns = new double[size][];
        for (int j = 0; j < size; j++)
        {
            var v = new double[size];
            for (int i = 0; i < size; i++) v[i] = gaussian[j * size + i];
            for (int pass = 0; pass < 2; pass++) // twice, for numerical orthogonality
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < size; i++) dot += v[i] * columns[k][i];
                    for (int i = 0; i < size; i++) v[i] -= dot * columns[k][i];
                }
            double norm = Math.Sqrt(v.Sum(x => x * x));
            for (int i = 0; i < size; i++) v[i] /= norm;
            columns[j] = v;
        }
        var matrix = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) matrix[i, j] = columns[j][i];
        return matrix;
    }
}
