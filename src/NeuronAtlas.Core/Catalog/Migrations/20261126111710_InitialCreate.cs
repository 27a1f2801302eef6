using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeuronAtlas.Core.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatasetPassCheckpoints",
                columns: table => new
                {
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigHash = table.Column<string>(type: "TEXT", nullable: false),
                    NextImage = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalImages = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetPassCheckpoints", x => x.ModelId);
                });

            migrationBuilder.CreateTable(
                name: "DatasetPassStates",
                columns: table => new
                {
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    LayerId = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetPassStates", x => new { x.ModelId, x.LayerId });
                });

            migrationBuilder.CreateTable(
                name: "Images",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", nullable: false),
                    Concept = table.Column<string>(type: "TEXT", nullable: false),
                    Style = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", nullable: false),
                    Thumbnail = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ThumbnailContentType = table.Column<string>(type: "TEXT", nullable: false),
                    ThumbnailWidth = table.Column<int>(type: "INTEGER", nullable: false),
                    ThumbnailHeight = table.Column<int>(type: "INTEGER", nullable: false),
                    Flagged = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Images", x => x.Hash);
                });

            migrationBuilder.CreateTable(
                name: "Models",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    Licence = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    InputWidth = table.Column<int>(type: "INTEGER", nullable: false),
                    InputHeight = table.Column<int>(type: "INTEGER", nullable: false),
                    HasTextEncoder = table.Column<bool>(type: "INTEGER", nullable: false),
                    ManifestJson = table.Column<string>(type: "TEXT", nullable: false),
                    DatasetName = table.Column<string>(type: "TEXT", nullable: false),
                    DatasetImageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    LayerId = table.Column<string>(type: "TEXT", nullable: false),
                    NeuronIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", nullable: true),
                    Markdown = table.Column<string>(type: "TEXT", nullable: false),
                    SourceFile = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Layers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    LayerId = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    TensorName = table.Column<string>(type: "TEXT", nullable: false),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Layers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Layers_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Neurons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LayerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Mean = table.Column<float>(type: "REAL", nullable: false),
                    Std = table.Column<float>(type: "REAL", nullable: false),
                    Max = table.Column<float>(type: "REAL", nullable: false),
                    ActiveFraction = table.Column<float>(type: "REAL", nullable: false),
                    Histogram = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Label = table.Column<string>(type: "TEXT", nullable: true),
                    LabelConfidence = table.Column<float>(type: "REAL", nullable: true),
                    LabelSource = table.Column<string>(type: "TEXT", nullable: true),
                    TopImageHash = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Neurons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Neurons_Layers_LayerId",
                        column: x => x.LayerId,
                        principalTable: "Layers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Examples",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NeuronId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    ImageHash = table.Column<string>(type: "TEXT", nullable: false),
                    Activation = table.Column<float>(type: "REAL", nullable: false),
                    SpatialMap = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MapMax = table.Column<float>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Examples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Examples_Images_ImageHash",
                        column: x => x.ImageHash,
                        principalTable: "Images",
                        principalColumn: "Hash",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Examples_Neurons_NeuronId",
                        column: x => x.NeuronId,
                        principalTable: "Neurons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeatureVisualizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NeuronId = table.Column<int>(type: "INTEGER", nullable: false),
                    Facet = table.Column<int>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", nullable: false),
                    Png = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Activation = table.Column<float>(type: "REAL", nullable: false),
                    Steps = table.Column<int>(type: "INTEGER", nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeatureVisualizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeatureVisualizations_Neurons_NeuronId",
                        column: x => x.NeuronId,
                        principalTable: "Neurons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TextExamples",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NeuronId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Score = table.Column<float>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextExamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TextExamples_Neurons_NeuronId",
                        column: x => x.NeuronId,
                        principalTable: "Neurons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Examples_ImageHash",
                table: "Examples",
                column: "ImageHash");

            migrationBuilder.CreateIndex(
                name: "IX_Examples_NeuronId_Rank",
                table: "Examples",
                columns: new[] { "NeuronId", "Rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeatureVisualizations_Hash",
                table: "FeatureVisualizations",
                column: "Hash");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureVisualizations_NeuronId_Facet",
                table: "FeatureVisualizations",
                columns: new[] { "NeuronId", "Facet" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Layers_ModelId_LayerId",
                table: "Layers",
                columns: new[] { "ModelId", "LayerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Neurons_LayerId_Index",
                table: "Neurons",
                columns: new[] { "LayerId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notes_ModelId_LayerId_NeuronIndex",
                table: "Notes",
                columns: new[] { "ModelId", "LayerId", "NeuronIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_TextExamples_NeuronId_Rank",
                table: "TextExamples",
                columns: new[] { "NeuronId", "Rank" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetPassCheckpoints");

            migrationBuilder.DropTable(
                name: "DatasetPassStates");

            migrationBuilder.DropTable(
                name: "Examples");

            migrationBuilder.DropTable(
                name: "FeatureVisualizations");

            migrationBuilder.DropTable(
                name: "Notes");

            migrationBuilder.DropTable(
                name: "TextExamples");

            migrationBuilder.DropTable(
                name: "Images");

            migrationBuilder.DropTable(
                name: "Neurons");

            migrationBuilder.DropTable(
                name: "Layers");

            migrationBuilder.DropTable(
                name: "Models");
        }
    }
}
