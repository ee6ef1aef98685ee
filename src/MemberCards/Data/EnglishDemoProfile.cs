using Bogus;

namespace MemberCards.Data;

/// <summary>A café and shop in dollars: English names with a fifth Chinese ones, US phone numbers, most with an email.</summary>
internal sealed class EnglishDemoProfile(int seed) : DemoProfile
{
    private static readonly (string Category, (string Name, long PriceMinor, int Popularity)[] Items)[] Menu =
    [
        ("Coffee", [("Espresso", 280, 9), ("Americano", 350, 10), ("Cappuccino", 450, 10), ("Flat White", 480, 8), ("Iced Latte", 520, 6)]),
        ("Tea", [("Green Tea", 320, 4), ("Jasmine Tea", 340, 4), ("Chai Latte", 480, 5), ("Milk Tea", 520, 6), ("Matcha Latte", 560, 4)]),
        ("Bakery", [("Croissant", 320, 8), ("Pain au Chocolat", 360, 6), ("Blueberry Muffin", 340, 5), ("Cinnamon Roll", 420, 4), ("Sourdough Loaf", 780, 3)]),
        ("Breakfast", [("Avocado Toast", 1150, 4), ("Granola Bowl", 850, 3), ("Egg Sandwich", 790, 4), ("Pancake Stack", 1050, 3), ("Porridge", 650, 2)]),
        ("Lunch", [("Chicken Wrap", 1190, 5), ("Tomato Soup", 790, 3), ("Club Sandwich", 1290, 4), ("Noodle Salad", 1150, 3), ("Quiche of the Day", 1090, 3)]),
        ("Snacks", [("Brownie", 380, 5), ("Cookie", 250, 6), ("Fruit Cup", 450, 3), ("Energy Bar", 320, 3), ("Crisps", 220, 3)]),
        ("Beverages", [("Orange Juice", 480, 4), ("Sparkling Water", 260, 4), ("Smoothie", 650, 4), ("Cola", 280, 3), ("Kombucha", 550, 2)]),
        ("Merchandise", [("Coffee Beans 250 g", 1600, 2), ("Travel Mug", 2400, 1), ("Gift Card", 5000, 1), ("Tote Bag", 1500, 1), ("French Press", 3500, 1)]),
    ];

    private static readonly DemoBasketPattern[] Visits =
    [
        new(7, 10, [["Americano", "Cappuccino", "Flat White", "Espresso"], ["Croissant", "Pain au Chocolat", "Blueberry Muffin", "Cinnamon Roll"], ["Avocado Toast", "Egg Sandwich", "Granola Bowl", "Pancake Stack"]], 0.3, 0.3),
        new(11, 14, [["Chicken Wrap", "Club Sandwich", "Noodle Salad", "Quiche of the Day", "Tomato Soup"], ["Orange Juice", "Sparkling Water", "Cola", "Smoothie", "Kombucha"], ["Cookie", "Brownie", "Crisps", "Fruit Cup"]], 0.25, 0.3),
        new(14, 18, [["Green Tea", "Jasmine Tea", "Chai Latte", "Milk Tea", "Matcha Latte"], ["Brownie", "Cookie", "Cinnamon Roll", "Fruit Cup", "Energy Bar"]], 0, 0.2),
        DemoBasketPattern.Single(0.2),
    ];

    private readonly Faker _latin = new("en") { Random = new Randomizer(seed) };
    private readonly Faker _chinese = new("zh_CN") { Random = new Randomizer(seed + 1) };

    public override IReadOnlyList<(string Category, (string Name, long PriceMinor, int Popularity)[] Items)> Catalog => Menu;

    public override IReadOnlyList<DemoBasketPattern> Patterns => Visits;

    public override IReadOnlyList<string> VoidReasons { get; } = ["Wrong member card", "Entered twice", "Customer returned items", "Wrong quantity"];

    // Chinese names are written family name first, without a space.
    public override string Name(Random random) =>
        random.NextDouble() < 0.2 ? _chinese.Name.LastName() + _chinese.Name.FirstName() : _latin.Name.FullName();

    public override string Phone(Random random) => $"(555) {random.Next(200, 1000)}-{random.Next(0, 10_000):D4}";

    public override string? Email(Random random, string name, int index) =>
        random.NextDouble() < 0.85 ? $"{_latin.Internet.UserName().ToLowerInvariant()}.{index}@example.com" : null;
}
