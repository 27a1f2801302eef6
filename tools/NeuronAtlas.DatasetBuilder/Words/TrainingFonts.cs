namespace NeuronAtlas.DatasetBuilder.Words;

/// <summary>
/// The fonts training words are rendered in: a fixed list of files from Debian font packages, of varied design (sans,
/// serif, slab, mono, condensed, rounded, script, light to black, upright and italic). A fixed list, not "whatever is
/// installed", so that the same command gives the same bytes on every machine. None is a held-out font
/// (<see cref="HeldOutFonts"/>); other weights of the held-out families are trained on.
/// </summary>
public static class TrainingFonts
{
    public const string DefaultRoot = "/usr/share/fonts";

    private const string DejaVu = "Bitstream-Vera";
    private const string Ofl = "OFL-1.1";
    private const string Apache = "Apache-2.0";
    private const string FreeFont = "GPL-3.0-or-later WITH Font-exception-2.0";
    private const string Libertine = "GPL-2.0-or-later WITH Font-exception-2.0 OR OFL-1.1";
    private const string Urw = "AGPL-3.0 WITH Font-exception-2.0";

    public static readonly IReadOnlyList<FontFile> All =
    [
        new("fonts-dejavu-core", "truetype/dejavu/DejaVuSans.ttf", DejaVu),
        new("fonts-dejavu-core", "truetype/dejavu/DejaVuSans-Bold.ttf", DejaVu),
        new("fonts-dejavu-core", "truetype/dejavu/DejaVuSerif.ttf", DejaVu),
        new("fonts-dejavu-core", "truetype/dejavu/DejaVuSansMono-Bold.ttf", DejaVu),
        new("fonts-dejavu-extra", "truetype/dejavu/DejaVuSerif-Italic.ttf", DejaVu),
        new("fonts-dejavu-extra", "truetype/dejavu/DejaVuSans-ExtraLight.ttf", DejaVu),
        new("fonts-liberation2", "truetype/liberation2/LiberationSerif-Regular.ttf", Ofl),
        new("fonts-liberation2", "truetype/liberation2/LiberationSerif-BoldItalic.ttf", Ofl),
        new("fonts-liberation2", "truetype/liberation2/LiberationSans-Italic.ttf", Ofl),
        new("fonts-liberation2", "truetype/liberation2/LiberationMono-Bold.ttf", Ofl),
        new("fonts-freefont-ttf", "truetype/freefont/FreeSans.ttf", FreeFont),
        new("fonts-freefont-ttf", "truetype/freefont/FreeSansBoldOblique.ttf", FreeFont),
        new("fonts-freefont-ttf", "truetype/freefont/FreeMono.ttf", FreeFont),
        new("fonts-freefont-ttf", "truetype/freefont/FreeSerifBoldItalic.ttf", FreeFont),
        new("fonts-crosextra-carlito", "truetype/crosextra/Carlito-Regular.ttf", Ofl),
        new("fonts-crosextra-carlito", "truetype/crosextra/Carlito-BoldItalic.ttf", Ofl),
        new("fonts-crosextra-caladea", "truetype/crosextra/Caladea-Regular.ttf", Apache),
        new("fonts-crosextra-caladea", "truetype/crosextra/Caladea-Bold.ttf", Apache),
        new("fonts-open-sans", "truetype/open-sans/OpenSans-Regular.ttf", Apache),
        new("fonts-open-sans", "truetype/open-sans/OpenSans-CondBold.ttf", Apache),
        new("fonts-open-sans", "truetype/open-sans/OpenSans-ExtraBold.ttf", Apache),
        new("fonts-open-sans", "truetype/open-sans/OpenSans-LightItalic.ttf", Apache),
        new("fonts-roboto-unhinted", "truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf", Apache),
        new("fonts-roboto-unhinted", "truetype/roboto/unhinted/RobotoTTF/Roboto-Black.ttf", Apache),
        new("fonts-roboto-unhinted", "truetype/roboto/unhinted/RobotoTTF/Roboto-MediumItalic.ttf", Apache),
        new("fonts-roboto-unhinted", "truetype/roboto/unhinted/RobotoCondensed-Regular.ttf", Apache),
        new("fonts-lato", "truetype/lato/Lato-Regular.ttf", Ofl),
        new("fonts-lato", "truetype/lato/Lato-Heavy.ttf", Ofl),
        new("fonts-lato", "truetype/lato/Lato-LightItalic.ttf", Ofl),
        new("fonts-cantarell", "opentype/cantarell/Cantarell-Regular.otf", Ofl),
        new("fonts-cantarell", "opentype/cantarell/Cantarell-ExtraBold.otf", Ofl),
        new("fonts-comic-neue", "opentype/comic-neue/ComicNeue-Regular.otf", Ofl),
        new("fonts-comic-neue", "opentype/comic-neue/ComicNeue-BoldItalic.otf", Ofl),
        new("fonts-ebgaramond", "opentype/ebgaramond/EBGaramond12-Regular.otf", Ofl),
        new("fonts-ebgaramond", "opentype/ebgaramond/EBGaramond12-Italic.otf", Ofl),
        new("fonts-linuxlibertine", "opentype/linux-libertine/LinLibertine_R.otf", Libertine),
        new("fonts-linuxlibertine", "opentype/linux-libertine/LinLibertine_RB.otf", Libertine),
        new("fonts-linuxlibertine", "opentype/linux-libertine/LinBiolinum_R.otf", Libertine),
        new("fonts-linuxlibertine", "opentype/linux-libertine/LinBiolinum_RI.otf", Libertine),
        new("fonts-inconsolata", "truetype/inconsolata/Inconsolata.otf", "OFL-1.0"),
        new("fonts-hack", "truetype/hack/Hack-Regular.ttf", "MIT AND Bitstream-Vera"),
        new("fonts-hack", "truetype/hack/Hack-BoldItalic.ttf", "MIT AND Bitstream-Vera"),
        new("fonts-noto-mono", "truetype/noto/NotoSansMono-Regular.ttf", Ofl),
        new("fonts-firacode", "truetype/firacode/FiraCode-Regular.ttf", Ofl),
        new("fonts-urw-base35", "opentype/urw-base35/C059-Roman.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/P052-Italic.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/URWBookman-Light.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/URWGothic-Demi.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/NimbusSans-Regular.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/NimbusSansNarrow-Bold.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/NimbusRoman-Bold.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/NimbusMonoPS-Regular.otf", Urw),
        new("fonts-urw-base35", "opentype/urw-base35/Z003-MediumItalic.otf", Urw),
    ];

    /// <summary>The full paths of every training font under <paramref name="root"/>, in list order.</summary>
    /// <exception cref="FileNotFoundException">Some are missing: the message names the packages to install.</exception>
    public static IReadOnlyList<string> Resolve(string root)
    {
        var missing = All.Where(f => !File.Exists(Path.Combine(root, f.RelativePath))).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"{missing.Count} of the {All.Count} training fonts are missing under {root} " +
                $"(e.g. {missing[0].RelativePath}). Install them with:\n" +
                $"  sudo apt-get install -y {string.Join(' ', missing.Select(f => f.Package).Distinct())}");
        return All.Select(f => Path.Combine(root, f.RelativePath)).ToList();
    }
}
