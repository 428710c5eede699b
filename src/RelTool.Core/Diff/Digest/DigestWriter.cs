using System.Buffers;
using System.Runtime.InteropServices;

namespace RelTool.Core.Diff.Digest;

/// <summary>Collects the bytes of digest inputs in a pooled buffer; <see cref="Written"/> gives back any stretch of it.</summary>
internal sealed class DigestWriter : IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int length;

    public int Position => length;

    public ReadOnlySpan<byte> Written(Segment segment) => buffer.AsSpan(segment.Start, segment.Length);

    public Segment Since(int start) => new(start, length - start);

    public ContentDigest Finish()
    {
        var digest = ContentDigest.Of(buffer.AsSpan(0, length));
        length = 0;
        return digest;
    }

    public void Byte(byte value)
    {
        Reserve(1);
        buffer[length++] = value;
    }

    public void Int(int value)
    {
        Reserve(4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Reserve(value.Length);
        value.CopyTo(buffer.AsSpan(length));
        length += value.Length;
    }

    /// <summary>
    /// Length-prefixed, so that ("ab","c") and ("a","bc") differ: null as -1, ASCII text as its length and
    /// one byte a character, other text as -2 - length and two bytes a character.
    /// </summary>
    public void Text(string? value)
    {
        if (value is null) { Int(-1); return; }
        Reserve(4 + value.Length * 2);
        if (System.Text.Ascii.FromUtf16(value, buffer.AsSpan(length + 4, value.Length), out _) == System.Buffers.OperationStatus.Done)
        {
            Int(value.Length);
            length += value.Length;
            return;
        }
        Int(-2 - value.Length);
        Bytes(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    /// <summary>A string of the metadata string heap as its UTF-8 bytes, length-prefixed, without decoding it.</summary>
    public void String(System.Reflection.Metadata.MetadataReader reader, System.Reflection.Metadata.StringHandle handle) =>
        Blob(reader.GetBlobReader(handle));

    /// <summary>A stretch of another writer, length-prefixed.</summary>
    public void Segment(DigestWriter from, Segment segment)
    {
        Int(segment.Length);
        Bytes(from.Written(segment));
    }

    /// <summary>A metadata blob, length-prefixed, copied without an intermediate array.</summary>
    public void Blob(System.Reflection.Metadata.BlobReader blob)
    {
        Int(blob.Length);
        Reserve(blob.Length);
        blob.ReadBytes(blob.Length, buffer, length);
        length += blob.Length;
    }

    public void Digest(ContentDigest value)
    {
        Reserve(16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(buffer.AsSpan(length), value.Value);
        length += 16;
    }

    public void Dispose()
    {
        var buffer = this.buffer;
        this.buffer = [];
        length = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Reserve(int count)
    {
        if (length + count <= buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + count));
        buffer.AsSpan(0, length).CopyTo(larger);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}

/// <summary>A stretch of a <see cref="DigestWriter"/>'s bytes.</summary>
internal readonly record struct Segment(int Start, int Length);
