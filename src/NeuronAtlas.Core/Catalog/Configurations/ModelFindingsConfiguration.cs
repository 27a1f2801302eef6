using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class ModelFindingsConfiguration : IEntityTypeConfiguration<ModelFindings>
{
    public void Configure(EntityTypeBuilder<ModelFindings> findings)
    {
        findings.ToTable("ModelFindings");
        findings.HasKey(f => f.ModelId);
        findings.Property(f => f.ComputedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
    }
}
