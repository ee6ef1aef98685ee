namespace MemberCards.Web.Localization;

/// <summary>What each <see cref="MemberCards.Problem"/> a service returns says, in ProblemText.resx.</summary>
public sealed class ProblemText;
