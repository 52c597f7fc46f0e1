using System.Security.Cryptography;
using System.Text;

namespace WeekTegenEenzaamheid.Api.Platform.Security;

/// <summary>Secrets of 256 random bits, handed out once and stored only as their SHA-256 hash.</summary>
public static class Tokens
{
    public static string New() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? token, string? storedHash)
    {
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(storedHash) || storedHash.Length != 64)
        {
            return false;
        }

        var expected = Convert.FromHexString(storedHash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
