using System.Linq.Expressions;
using MemberCards.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberCards.Members;

/// <summary>
/// How every search box matches a member's name: any part of the folded name ("müller" in "José Müller", "三" in
/// 张三), or the start of the name's pinyin or its initials ("zhangs", "zhang san", "zs" → 张三). Pinyin is matched
/// from its start, as staff type it: "an" anywhere would match half the names.
/// </summary>
public static class NameMatch
{
    /// <param name="orElse">Another way the same text may match (the members grid adds the email), in the same SQL.</param>
    public static Expression<Func<Member, bool>> For(string text, Expression<Func<Member, bool>>? orElse = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var contains = "%" + LikePattern.Escape(SearchText.Fold(text)) + "%";
        Expression<Func<Member, bool>> byName = Pinyin.SearchKey(text) is { } key
            ? ByNameOrPinyin(contains, key + "%")
            : m => EF.Functions.Like(m.SearchName, contains, LikePattern.EscapeCharacter);
        if (orElse is null)
        {
            return byName;
        }
        var member = byName.Parameters[0];
        return Expression.Lambda<Func<Member, bool>>(Expression.OrElse(byName.Body, Expression.Invoke(orElse, member)), member);
    }

    // A pinyin key holds letters only, so it needs no escaping.
    private static Expression<Func<Member, bool>> ByNameOrPinyin(string contains, string prefix) => m =>
        EF.Functions.Like(m.SearchName, contains, LikePattern.EscapeCharacter)
        || EF.Functions.Like(m.SearchPinyin!, prefix)
        || EF.Functions.Like(m.SearchInitials!, prefix);
}
