using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MemberCards.Web.Localization;

/// <summary>MudBlazor's own texts (pager, date picker, dialogs) in the user's language; English stays MudBlazor's.</summary>
internal sealed class ResxMudLocalizer(IStringLocalizer<MudTexts> texts) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = texts[key];
            return text.ResourceNotFound ? base[key] : text;
        }
    }
}
