using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class DatasetImageConfiguration : IEntityTypeConfiguration<DatasetImage>
{
    public void Configure(EntityTypeBuilder<DatasetImage> image) => image.HasKey(i => i.Hash);
}
