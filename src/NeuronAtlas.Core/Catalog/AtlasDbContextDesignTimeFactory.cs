using Microsoft.EntityFrameworkCore.Design;

namespace NeuronAtlas.Core.Catalog;

/// <summary>Lets 'dotnet ef migrations add' create the context without a host.</summary>
internal sealed class AtlasDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AtlasDbContext>
{
    public AtlasDbContext CreateDbContext(string[] args) =>
        new(CatalogDatabase.ReadWriteOptions(Path.Combine(Path.GetTempPath(), "neuronatlas-design.db")));
}
