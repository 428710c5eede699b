namespace Notes.Cli;

public sealed class NotesSettings
{
    public string Database { get; set; } = "notes.db";
    public string Title { get; set; } = "";
}
