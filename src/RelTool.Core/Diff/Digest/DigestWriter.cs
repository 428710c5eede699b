using System.Runtime.InteropServices;

namespace RelTool.Core.Diff.Digest;

/// <summary>Collects the bytes of one digest input; reused to keep allocation per method near zero.</summary>
internal sealed class DigestWriter
{
    private byte[] _buffer = new byte[4096];
    private int _length;

    public void Clear() => _length = 0;

    public ContentDigest Finish()
    {
        var digest = ContentDigest.Of(_buffer.AsSpan(0, _length));
        _length = 0;
        return digest;
    }

    public void Byte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    public void Int(int value)
    {
        Reserve(4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Reserve(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Length-prefixed, so that ("ab","c") and ("a","bc") differ.</summary>
    public void Text(string? value)
    {
        if (value is null) { Int(-1); return; }
        Int(value.Length);
        Bytes(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    /// <summary>A metadata blob, length-prefixed, copied without an intermediate array.</summary>
    public void Blob(System.Reflection.Metadata.BlobReader blob)
    {
        Int(blob.Length);
        Reserve(blob.Length);
        blob.ReadBytes(blob.Length, _buffer, _length);
        _length += blob.Length;
    }

    public void Digest(ContentDigest value)
    {
        Reserve(16);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(_buffer.AsSpan(_length), value.Value);
        _length += 16;
    }

    private void Reserve(int count)
    {
        if (_length + count <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
    }
}
