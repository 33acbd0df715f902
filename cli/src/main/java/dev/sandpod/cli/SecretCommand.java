package dev.sandpod.cli;

import picocli.CommandLine.Command;

@Command(name = "secret", mixinStandardHelpOptions = true, description = "Manage registry secrets (stored 0600; passwords are never printed).",
        subcommands = {SecretCreateCommand.class, SecretListCommand.class, SecretRemoveCommand.class})
final class SecretCommand {
}
