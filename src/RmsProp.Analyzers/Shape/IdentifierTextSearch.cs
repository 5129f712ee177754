using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace RmsProp.Analyzers.Shape;

/// <summary>
/// Finds where a few identifiers may occur in a source text without reading its tokens: every place the text spells
/// one of the names as a whole identifier (in code, a comment or a string alike), and every unicode escape
/// (<c>\u0053</c>) that spells a letter of one, since an identifier may be written with escapes. A name whose text
/// occurs nowhere so is not the value of any identifier token of the text, so a caller that finds no position may
/// skip the tokens altogether; at a position found, it reads the one token there.
/// </summary>
/// <remarks>
/// Written by hand because neither SourceText nor the syntax tree offers a search (the token walk it replaces cost
/// 38 ms of processor time on Newtonsoft.Json's 240 files, docs/analyzer-cost.md). The text is copied chunk by chunk
/// into a pooled buffer, never as a whole string, and each chunk is searched with the runtime's vectorised
/// <c>MemoryExtensions.IndexOf</c> on spans.
/// </remarks>
internal sealed class IdentifierTextSearch
{
    private const int ChunkLength = 16384;
    private readonly string[] _names;
    private readonly string[] _needles;
    private readonly HashSet<char> _letters;
    private readonly int _longest;

    /// <param name="names">The identifiers to find (compared with case).</param>
    public IdentifierTextSearch(IEnumerable<string> names)
    {
        _names = names.Distinct(StringComparer.Ordinal).ToArray();

        // A name that contains another (RSqrt contains Sqrt) is found where the shorter one is: search for the shorter only.
        _needles = _names.Where(name => !_names.Any(other => other.Length < name.Length && name.IndexOf(other, StringComparison.Ordinal) >= 0)).ToArray();
        _letters = new HashSet<char>(_names.SelectMany(name => name));
        _longest = _names.Length == 0 ? 0 : _names.Max(name => name.Length);
    }

    /// <summary>
    /// The positions in <paramref name="text"/>, in order, where one of the names starts as a whole identifier, and
    /// where a unicode escape that spells one of their letters starts. Empty when there is none, as in most files.
    /// </summary>
    public ImmutableArray<int> Find(SourceText text, CancellationToken cancellation)
    {
        if (_names.Length == 0)
        {
            return ImmutableArray<int>.Empty;
        }

        // Each chunk is read with a margin either side, so that a name at its edge is seen whole together with the
        // characters around it (an identifier longer than the longest name is none of them). An escape is at most 10
        // characters (\U0000XXXX).
        int margin = Math.Max(_longest, 10) + 1;
        char[] buffer = ArrayPool<char>.Shared.Rent(ChunkLength + 2 * margin);
        ImmutableArray<int>.Builder? found = null;
        try
        {
            for (int chunk = 0; chunk < text.Length; chunk += ChunkLength)
            {
                cancellation.ThrowIfCancellationRequested();
                int from = Math.Max(0, chunk - margin);
                int count = Math.Min(text.Length, chunk + ChunkLength + margin) - from;
                text.CopyTo(from, buffer, 0, count);
                var window = new ReadOnlySpan<char>(buffer, 0, count);

                // Only matches that start in this chunk proper count: the margins belong to the neighbours.
                int first = chunk - from;
                int end = Math.Min(ChunkLength, text.Length - chunk) + first;
                foreach (string needle in _needles)
                {
                    for (int at = first; at < end;)
                    {
                        int hit = window.Slice(at, Math.Min(count, end + needle.Length - 1) - at).IndexOf(needle.AsSpan());
                        if (hit < 0)
                        {
                            break;
                        }

                        int start = at + hit;
                        if (WholeName(window, start, needle.Length) is int nameStart)
                        {
                            (found ??= ImmutableArray.CreateBuilder<int>()).Add(from + nameStart);
                        }

                        at = start + 1;
                    }
                }

                for (int at = first; at < end;)
                {
                    int hit = window.Slice(at, end - at).IndexOf('\\');
                    if (hit < 0)
                    {
                        break;
                    }

                    int start = at + hit;
                    if (EscapesALetter(window, start))
                    {
                        (found ??= ImmutableArray.CreateBuilder<int>()).Add(from + start);
                    }

                    at = start + 1;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        if (found is null)
        {
            return ImmutableArray<int>.Empty;
        }

        found.Sort();
        return found.Distinct().ToImmutableArray();
    }

    /// <summary>
    /// Where the identifier around the needle at <paramref name="start"/> begins, when that identifier is one of the
    /// names; null when it is longer or another.
    /// </summary>
    private int? WholeName(ReadOnlySpan<char> window, int start, int length)
    {
        int left = start;
        while (left > 0 && start - left <= _longest && SyntaxFacts.IsIdentifierPartCharacter(window[left - 1]))
        {
            left--;
        }

        int right = start + length;
        while (right < window.Length && right - left <= _longest && SyntaxFacts.IsIdentifierPartCharacter(window[right]))
        {
            right++;
        }

        ReadOnlySpan<char> identifier = window.Slice(left, right - left);
        foreach (string name in _names)
        {
            if (identifier.SequenceEqual(name.AsSpan()))
            {
                return left;
            }
        }

        return null;
    }

    /// <summary>Whether a unicode escape (<c>\uXXXX</c>, <c>\UXXXXXXXX</c>) starts at <paramref name="start"/> and spells a letter of a name.</summary>
    private bool EscapesALetter(ReadOnlySpan<char> window, int start)
    {
        if (start + 1 >= window.Length || window[start + 1] is not ('u' or 'U'))
        {
            return false;
        }

        int digits = window[start + 1] == 'u' ? 4 : 8;
        if (start + 2 + digits > window.Length)
        {
            return false;
        }

        int value = 0;
        for (int k = start + 2; k < start + 2 + digits; k++)
        {
            int digit = HexValue(window[k]);
            if (digit < 0 || value > 0xFFFF)
            {
                return false;
            }

            value = value * 16 + digit;
        }

        return value <= 0xFFFF && _letters.Contains((char)value);
    }

    /// <summary>
    /// The identifier tokens of <paramref name="declaration"/> whose value is a name, read only at the
    /// <paramref name="positions"/> <see cref="Find"/> gave for its file: what a walk of the declaration's tokens that
    /// does not enter the types declared inside it would meet, without the walk.
    /// </summary>
    public static IEnumerable<SyntaxToken> OwnIdentifiersAt(SyntaxNode declaration, ImmutableArray<int> positions, Func<string, bool> isName, CancellationToken cancellation)
    {
        int first = positions.BinarySearch(declaration.FullSpan.Start);
        for (int k = first < 0 ? ~first : first; k < positions.Length && positions[k] < declaration.FullSpan.End; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            SyntaxToken token = declaration.FindToken(positions[k]);
            if (token.IsKind(SyntaxKind.IdentifierToken) && isName(token.ValueText) && IsOwnToken(token, declaration))
            {
                yield return token;
            }
        }
    }

    /// <summary>Whether <paramref name="token"/> belongs to <paramref name="declaration"/> itself rather than to a type declared inside it.</summary>
    private static bool IsOwnToken(SyntaxToken token, SyntaxNode declaration)
    {
        for (SyntaxNode? node = token.Parent; node is not null; node = node.Parent)
        {
            if (node == declaration)
            {
                return true;
            }

            if (node is BaseTypeDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
