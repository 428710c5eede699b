using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Notes.Cli;

public sealed class NoteStore(NotesSettings settings, ILogger<NoteStore> logger)
{
    private SqliteConnection Open()
    {
        var path = Path.GetFullPath(settings.Database);
        logger.LogDebug("opening {Path}", path);
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, tag TEXT NOT NULL)";
        create.ExecuteNonQuery();
        return connection;
    }

    public long Add(string text, string tag)
    {
        using var connection = Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO notes (text, tag) VALUES ($text, $tag) RETURNING id";
        insert.Parameters.AddWithValue("$text", text);
        insert.Parameters.AddWithValue("$tag", tag);
        return (long)insert.ExecuteScalar()!;
    }

    public IReadOnlyList<Note> All()
    {
        using var connection = Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, text, tag FROM notes ORDER BY id";
        using var reader = select.ExecuteReader();
        var notes = new List<Note>();
        while (reader.Read()) notes.Add(new Note(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return notes;
    }

    public string SqliteVersion()
    {
        using var connection = Open();
        return connection.ServerVersion;
    }
}
