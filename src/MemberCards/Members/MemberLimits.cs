namespace MemberCards.Members;

public static class MemberLimits
{
    public const int NameLength = 100;
    public const int EmailLength = 254;
    public const int NotesLength = 1000;
}
