using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpasmBot.Transcripts;

/// <summary>
/// The journal's record format: a 4-byte length, a 4-byte CRC-32C of the payload, then the payload (one event as
/// UTF-8 JSON), little-endian. A record cut short by a kill mid-write fails the length or checksum test, so the
/// reader knows where the good data ends.
/// </summary>
public static class JournalRecords
{
    public const int HeaderBytes = 8;

    /// <summary>No event comes near this; a larger length can only be a torn or foreign header.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    // One buffer and JSON writer per thread: encoding a turn then allocates only the array it returns.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    /// <summary>The turn's events as consecutive records, ready for one write.</summary>
    public static byte[] Encode(IReadOnlyList<TranscriptEvent> events)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var json = t_json ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        foreach (var e in events)
        {
            var header = buffer.WrittenCount;
            buffer.Advance(HeaderBytes); // filled in below, once the payload's length is known
            json.Reset(buffer);
            JsonSerializer.Serialize(json, e, JournalJson.Default.TranscriptEvent);
            json.Flush();
            var record = MemoryMarshal.AsMemory(buffer.WrittenMemory).Span[header..];
            var payload = record[HeaderBytes..];
            BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32C.Compute(payload));
        }
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1024 * 1024)
        {
            t_buffer = null; // a huge turn: do not keep its buffer
            t_json = null;
        }
        return bytes;
    }

    /// <summary>
    /// Decodes whole records from the start of <paramref name="data"/>, at most <paramref name="maxEvents"/>.
    /// Returns the bytes consumed; stops early at a record that is not all there yet (<see cref="DecodeStop.Incomplete"/>)
    /// or fails its checks (<see cref="DecodeStop.Corrupt"/>).
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int maxEvents, List<TranscriptEvent> into, out DecodeStop stop)
    {
        var at = 0;
        stop = DecodeStop.None;
        while (maxEvents-- > 0)
        {
            if (data.Length - at < HeaderBytes)
            {
                stop = at == data.Length ? DecodeStop.None : DecodeStop.Incomplete;
                return at;
            }
            var length = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            if (length is <= 0 or > MaxPayloadBytes)
            {
                stop = DecodeStop.Corrupt;
                return at;
            }
            if (data.Length - at - HeaderBytes < length)
            {
                stop = DecodeStop.Incomplete;
                return at;
            }
            var payload = data.Slice(at + HeaderBytes, length);
            if (Crc32C.Compute(payload) != BinaryPrimitives.ReadUInt32LittleEndian(data[(at + 4)..]))
            {
                stop = DecodeStop.Corrupt;
                return at;
            }
            TranscriptEvent? e;
            try
            {
                e = JsonSerializer.Deserialize(payload, JournalJson.Default.TranscriptEvent);
            }
            catch (JsonException)
            {
                e = null;
            }
            if (e is null)
            {
                stop = DecodeStop.Corrupt;
                return at;
            }
            into.Add(e);
            at += HeaderBytes + length;
        }
        return at;
    }
}

public enum DecodeStop
{
    /// <summary>Stopped at the end of the data or at the event limit.</summary>
    None,
    /// <summary>The next record runs past the data read so far.</summary>
    Incomplete,
    /// <summary>The next record's length or checksum is wrong: a torn write.</summary>
    Corrupt,
}

/// <summary>Source-generated JSON for journal records (the hot path: every turn is serialised once, read once).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TranscriptEvent))]
internal sealed partial class JournalJson : JsonSerializerContext;

/// <summary>CRC-32C (Castagnoli): the CPU's crc32 instruction where there is one (System.IO.Hashing is a separate package).</summary>
public static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        if (Sse42.X64.IsSupported)
        {
            ulong wide = crc;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            crc = (uint)wide;
        }
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
