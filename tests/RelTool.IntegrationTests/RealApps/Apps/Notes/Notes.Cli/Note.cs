namespace Notes.Cli;

public sealed record Note(long Id, string Text, string Tag);
