namespace MemberCards.Accounts;

/// <summary>The three kinds of user, and what each may do (README, "Roles").</summary>
public static class Roles
{
    public const string Manager = "Manager";
    public const string Staff = "Staff";
    public const string Marketing = "Marketing";

    public static readonly IReadOnlyList<string> All = [Manager, Staff, Marketing];

    // Role sets used by [Authorize(Roles = ...)] on pages and by Access.Require in services.
    public const string Dashboard = Manager + "," + Marketing;
    public const string EditMembers = Manager + "," + Staff;
    public const string RecordPurchases = Manager + "," + Staff;
    public const string Campaigns = Manager + "," + Marketing;
}
