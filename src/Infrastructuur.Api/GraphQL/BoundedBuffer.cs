namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// An in-memory response body that refuses to grow past a limit: a write that would pass it throws an
/// <see cref="IOException"/> and sets <see cref="Overflowed"/>, so a huge answer is stopped while it is being written.
/// </summary>
internal sealed class BoundedBuffer(long limit) : MemoryStream
{
    public bool Overflowed { get; private set; }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Reserve(count);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Reserve(buffer.Length);
        base.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        Reserve(1);
        base.WriteByte(value);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Reserve(count);
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Reserve(buffer.Length);
        return base.WriteAsync(buffer, cancellationToken);
    }

    private void Reserve(int count)
    {
        if (Length + count > limit)
        {
            Overflowed = true;
            throw new IOException($"The response is larger than {limit} bytes.");
        }
    }
}
