using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeuronAtlas.Core.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class TextVisRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TextVisChunks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    Tensor = table.Column<string>(type: "TEXT", nullable: false),
                    FirstPhrase = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextVisChunks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TextVisRuns",
                columns: table => new
                {
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    ConfigHash = table.Column<string>(type: "TEXT", nullable: false),
                    Phrases = table.Column<string>(type: "TEXT", nullable: false),
                    Layers = table.Column<string>(type: "TEXT", nullable: false),
                    Renderings = table.Column<int>(type: "INTEGER", nullable: false),
                    PhraseCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NextPhrase = table.Column<int>(type: "INTEGER", nullable: false),
                    Completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextVisRuns", x => x.ModelId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TextVisChunks_ModelId_Tensor_FirstPhrase",
                table: "TextVisChunks",
                columns: new[] { "ModelId", "Tensor", "FirstPhrase" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TextVisChunks");

            migrationBuilder.DropTable(
                name: "TextVisRuns");
        }
    }
}
