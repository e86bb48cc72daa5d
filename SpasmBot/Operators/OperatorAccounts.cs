using Dapper;
using Microsoft.Extensions.Options;
using SpasmBot.Transcripts;

namespace SpasmBot.Operators;

public sealed class OperatorAccount
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public long FailedLogins { get; set; }
    public long? LockedUntil { get; set; }
    public long CreatedAt { get; set; }
}

public enum SignInResult { Success, Failed, LockedOut }

/// <summary>Operator accounts in the transcripts database (SQLite or PostgreSQL), with lockout after repeated failures.</summary>
public sealed class OperatorAccounts(TranscriptDatabase database, PasswordHasher hasher, IOptions<OperatorOptions> options, TimeProvider time)
{
    // Verified when the name is unknown, so a wrong name takes as long as a wrong password.
    private readonly Lazy<string> _dummyHash = new(() => hasher.Hash(Guid.NewGuid().ToString()));

    public static void Validate(string name, string role, string password)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("The user name must be 1 to 64 characters without spaces.");
        }
        if (!OperatorRoles.IsValid(role))
        {
            throw new ArgumentException($"The role must be one of: {string.Join(", ", OperatorRoles.All)}.");
        }
        if (password.Length < 10)
        {
            throw new ArgumentException("The password must be at least 10 characters.");
        }
    }

    /// <summary>Creates the account, or replaces its role and password if it exists.</summary>
    public async Task AddAsync(string name, string role, string password, CancellationToken cancellationToken = default)
    {
        Validate(name, role, password);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO operators (name, role, password_hash, failed_logins, locked_until, created_at)
            VALUES (@Name, @Role, @Hash, 0, NULL, @Now)
            ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash,
                failed_logins = 0, locked_until = NULL
            """,
            new { Name = name, Role = role, Hash = hasher.Hash(password), Now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<OperatorAccount>(new CommandDefinition(
            $"{Select} ORDER BY name", cancellationToken: cancellationToken))).ToList();
    }

    public async Task<OperatorAccount?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OperatorAccount>(new CommandDefinition(
            $"{Select} WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken));
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM operators WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<(SignInResult Result, OperatorAccount? Account)> SignInAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(name, cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (account is null)
        {
            hasher.Verify(password, _dummyHash.Value);
            return (SignInResult.Failed, null);
        }
        if (account.LockedUntil is { } until && until > now)
        {
            return (SignInResult.LockedOut, null);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        if (hasher.Verify(password, account.PasswordHash))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE operators SET failed_logins = 0, locked_until = NULL WHERE name = @Name", new { Name = name }, cancellationToken: cancellationToken));
            return (SignInResult.Success, account);
        }
        // An expired lock starts a fresh count.
        var failures = (account.LockedUntil is null ? account.FailedLogins : 0) + 1;
        var lockOut = failures >= options.Value.LockoutThreshold;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET failed_logins = @Failures, locked_until = @LockedUntil WHERE name = @Name",
            new
            {
                Name = name,
                Failures = lockOut ? 0 : failures,
                LockedUntil = lockOut ? now + (long)options.Value.LockoutDuration.TotalMilliseconds : (long?)null,
            },
            cancellationToken: cancellationToken));
        return (lockOut ? SignInResult.LockedOut : SignInResult.Failed, null);
    }

    private const string Select = """
        SELECT name AS Name, role AS Role, password_hash AS PasswordHash, failed_logins AS FailedLogins,
               locked_until AS LockedUntil, created_at AS CreatedAt FROM operators
        """;
}
