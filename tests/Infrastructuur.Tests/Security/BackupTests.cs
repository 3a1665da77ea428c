using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Hosting;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Security;

/// <summary>Online backup while the API runs (VACUUM INTO), and restore of that file.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task A_backup_taken_while_serving_holds_every_committed_row_and_restores()
    {
        var folder = Directory.CreateTempSubdirectory("infra-backup-").FullName;
        var database = Path.Combine(folder, "live.db");
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["Database:SqlitePath"] = database });
        await using (var db = await app.OpenDbAsync())
        {
            db.Municipalities.Add(new Municipality { Name = "Back-upgemeente", CbsCode = "GM9999" });
            await db.SaveChangesAsync();
        }

        var backup = Path.Combine(folder, "backup.db");
        Assert.Equal(0, await BackupCommands.BackupAsync(database, backup));
        Assert.Equal("ok", await BackupCommands.IntegrityAsync(backup));
        Assert.Equal(1, await BackupCommands.BackupAsync(database, backup)); // never overwrites

        var restored = Path.Combine(folder, "restored.db");
        Assert.Equal(0, await BackupCommands.RestoreAsync(restored, backup));
        await using var check = new Infrastructuur.Api.Data.SqliteInfrastructuurDb(new DbContextOptionsBuilder<Infrastructuur.Api.Data.SqliteInfrastructuurDb>().UseSqlite($"Data Source={restored};Pooling=False").Options);
        Assert.True(await check.Municipalities.AnyAsync(m => m.CbsCode == "GM9999"));
        Assert.True(await check.Municipalities.AnyAsync(m => m.CbsCode == "GM0599"));
    }

    [Fact]
    public async Task A_damaged_file_is_not_restored()
    {
        var folder = Directory.CreateTempSubdirectory("infra-restore-").FullName;
        var damaged = Path.Combine(folder, "damaged.db");
        await File.WriteAllBytesAsync(damaged, new byte[8192]);

        Assert.NotEqual(0, await BackupCommands.RestoreAsync(Path.Combine(folder, "target.db"), damaged));
        Assert.False(File.Exists(Path.Combine(folder, "target.db")));
    }
}
