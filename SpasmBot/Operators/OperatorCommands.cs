using System.CommandLine;
using SpasmBot.Transcripts;

namespace SpasmBot.Operators;

/// <summary><c>operators add | list | remove</c>: how the first admin is created.</summary>
public static class OperatorCommands
{
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("operators", "Manage review-console accounts.");
        command.Subcommands.Add(Add(services));
        command.Subcommands.Add(List(services));
        command.Subcommands.Add(Remove(services));
        return command;
    }

    private static Command Add(IServiceProvider services)
    {
        var user = new Option<string>("--user") { Description = "User name.", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, editor or admin.", DefaultValueFactory = _ => OperatorRoles.Viewer };
        role.AcceptOnlyFromAmong([.. OperatorRoles.All]);
        var password = new Option<string?>("--password") { Description = "The password; read from standard input when omitted (keeps it out of shell history)." };
        var command = new Command("add", "Create an operator account, or reset its role and password.") { user, role, password };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var secret = parse.GetValue(password) ?? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') ?? "";
            var name = parse.GetValue(user)!;
            try
            {
                await services.GetRequiredService<OperatorAccounts>().AddAsync(name, parse.GetValue(role)!, secret, cancellationToken);
            }
            catch (ArgumentException error)
            {
                await Console.Error.WriteLineAsync(error.Message);
                return 2;
            }
            await services.GetRequiredService<ITranscriptStore>().AuditAsync("cli", "account-save", name, parse.GetValue(role)!, cancellationToken);
            Console.WriteLine($"Saved operator {name} ({parse.GetValue(role)}).");
            return 0;
        });
        return command;
    }

    private static Command List(IServiceProvider services)
    {
        var command = new Command("list", "List operator accounts.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var a in await services.GetRequiredService<OperatorAccounts>().ListAsync(cancellationToken))
            {
                Console.WriteLine($"{a.Name}\t{a.Role}\t{(a.LockedUntil > now ? "locked" : "active")}");
            }
            return 0;
        });
        return command;
    }

    private static Command Remove(IServiceProvider services)
    {
        var user = new Option<string>("--user") { Description = "User name.", Required = true };
        var command = new Command("remove", "Delete an operator account.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(user)!;
            if (!await services.GetRequiredService<OperatorAccounts>().RemoveAsync(name, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"No operator \"{name}\".");
                return 1;
            }
            await services.GetRequiredService<ITranscriptStore>().AuditAsync("cli", "account-remove", name, "", cancellationToken);
            Console.WriteLine($"Removed operator {name}.");
            return 0;
        });
        return command;
    }
}
