namespace SpasmBot.Operators;

/// <summary>The "Operators" section of appsettings.json.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operators";

    /// <summary>Failed logins in a row before the account is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2-SHA256 iterations for new passwords (stored with each hash, so it can be raised later).</summary>
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>How long a console session lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Conversations per page in the console.</summary>
    public int PageSize { get; set; } = 50;
}

/// <summary>Operator roles, least to most powerful.</summary>
public static class OperatorRoles
{
    /// <summary>Reads conversations, the dashboard and the audit log.</summary>
    public const string Viewer = "viewer";
    /// <summary>Also reviews, tags, writes notes and promotes unanswered questions.</summary>
    public const string Editor = "editor";
    /// <summary>Also manages operator accounts and deletes conversations.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Editor, Admin];

    public static bool IsValid(string? role) => role is not null && All.Contains(role);
}
