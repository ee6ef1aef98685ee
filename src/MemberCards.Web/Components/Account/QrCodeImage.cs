using QRCoder;

namespace MemberCards.Web.Components.Account;

/// <summary>A QR code drawn by the app itself (QRCoder), as a PNG data address: no script, no outside service sees the key.</summary>
internal static class QrCodeImage
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(pixelsPerModule: 5));
    }
}
