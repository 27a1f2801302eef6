using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NeuronAtlas.Core.Catalog.Migrations
{
    /// <inheritdoc />
    public partial class PrecomputeShards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PrecomputeShards",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    ShardIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    ShardCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    SettingsHash = table.Column<string>(type: "TEXT", nullable: false),
                    RangeStart = table.Column<int>(type: "INTEGER", nullable: false),
                    RangeEnd = table.Column<int>(type: "INTEGER", nullable: false),
                    ImageHashes = table.Column<string>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrecomputeShards", x => new { x.Kind, x.ModelId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrecomputeShards");
        }
    }
}
