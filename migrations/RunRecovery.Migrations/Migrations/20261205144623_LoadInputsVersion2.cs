using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunRecovery.Migrations.Migrations
{
    /// <summary>
    /// activities.load_inputs from version 1 (the model's records as JSON) to version 2 of its own contract
    /// (columns, no positions); docs/decisions/load-inputs-versioned-contract.md. No schema change.
    /// </summary>
    public partial class LoadInputsVersion2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LoadInputsConversion.ToVersion2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LoadInputsConversion.ToVersion1);
        }
    }
}
