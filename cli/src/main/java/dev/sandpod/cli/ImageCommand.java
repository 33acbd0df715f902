package dev.sandpod.cli;

import picocli.CommandLine.Command;

@Command(name = "image", mixinStandardHelpOptions = true, description = "Pull, push, load, save, list and remove images.",
        subcommands = {ImagePullCommand.class, ImagePushCommand.class, ImageLoadCommand.class, ImageSaveCommand.class,
                ImageListCommand.class, ImageInspectCommand.class, ImageRemoveCommand.class, ImagePruneCommand.class,
                ImageTagCommand.class})
final class ImageCommand {
}
