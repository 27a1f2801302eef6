using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Core;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Clip;

public sealed class ZeroShotLookupTests(ClipAppFixture app) : IClassFixture<ClipAppFixture>
{
    private const string Lookup = $"/api/lookup?model={ClipTestCatalog.Model}";

    [Fact]
    public async Task A_clip_lookup_has_the_top_five_default_labels_as_the_clip_library_computes_them()
    {
        var jpeg = TestImages.Jpeg();

        var result = await app.Client.PostOkJsonAsync(Lookup, LookupRequests.Multipart(jpeg, "picture.jpg", "image/jpeg"));

        var zeroShot = result.GetProperty("zeroShot");
        var labels = LabelSet.Shipped(AtlasPaths.FindRoot());
        Assert.Equal("default", zeroShot.GetProperty("labelSet").GetString());
        Assert.Equal(labels.Labels.Count, zeroShot.GetProperty("labelCount").GetInt32());
        Assert.Equal(PromptTemplates.Default.Templates.Count, zeroShot.GetProperty("templateCount").GetInt32());
        Assert.Equal(app.Catalog.Manifest.LogitScale!.Value, zeroShot.GetProperty("logitScale").GetSingle(), 1e-4f);

        using var clip = ClipModel.Load(app.Catalog.Manifest, new InferenceOptions());
        using var image = UploadDecoding.ForModel(jpeg, app.Catalog.Manifest);
        var expected = new ZeroShotClassifier(clip, labels, PromptTemplates.Default).Classify(clip.Image.Embed(image), 5);
        var top = zeroShot.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(expected.Select(p => p.Label), top.Select(t => t.GetProperty("label").GetString()));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Probability, top[i].GetProperty("probability").GetSingle(), 1e-4f);
            Assert.Equal(expected[i].Cosine, top[i].GetProperty("cosine").GetSingle(), 1e-4f);
        }
        Assert.Equal(2, result.GetProperty("layers").GetArrayLength()); // the neuron lookup still runs beside the labels
    }

    [Fact]
    public async Task A_typed_label_list_replaces_the_default_set_and_its_probabilities_sum_to_one()
    {
        var form = LookupRequests.Multipart(TestImages.Png(), "picture.png", "image/png");
        form.Add(new StringContent("spider\nGranny Smith apple, iPod"), "labels");

        var result = await app.Client.PostOkJsonAsync(Lookup, form);

        var zeroShot = result.GetProperty("zeroShot");
        Assert.Equal("custom", zeroShot.GetProperty("labelSet").GetString());
        Assert.Equal(3, zeroShot.GetProperty("labelCount").GetInt32());
        var top = zeroShot.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(["Granny Smith apple", "iPod", "spider"], top.Select(t => t.GetProperty("label").GetString()).Order());
        Assert.Equal(1.0, top.Sum(t => t.GetProperty("probability").GetDouble()), 1e-4);
        var probabilities = top.Select(t => t.GetProperty("probability").GetSingle()).ToList();
        Assert.Equal(probabilities.OrderDescending(), probabilities);
    }

    [Fact]
    public async Task Labels_also_come_from_the_query_string()
    {
        var result = await app.Client.PostOkJsonAsync(Lookup + "&labels=" + Uri.EscapeDataString("cat,dog"),
            LookupRequests.Multipart(TestImages.Png(), "picture.png", "image/png"));

        Assert.Equal(2, result.GetProperty("zeroShot").GetProperty("labelCount").GetInt32());
    }

    [Theory]
    [InlineData("onlyone")]
    [InlineData("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,aa,ab,ac,ad,ae,af,ag,ah,ai,aj,ak,al,am,an,ao,ap,aq,ar,as,at,au,av,aw,ax,ay,az,ba,bb,bc,bd,be,bf,bg,bh,bi,bj,bk,bl,bm,bn,bo,bp,bq,br,bs,bt,bu,bv,bw,bx,by,bz,ca,cb,cc,cd,ce,cf,cg,ch,ci,cj,ck,cl,cm,cn,co,cp,cq,cr,cs,ct,cu,cv,cw,cx")]
    public async Task A_label_list_with_fewer_than_two_or_more_than_the_limit_is_a_400(string labels)
    {
        var form = LookupRequests.Multipart(TestImages.Png(), "picture.png", "image/png");
        form.Add(new StringContent(labels), "labels");

        var response = await app.Client.PostAsync(Lookup, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches("at least two|the limit is 100", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Labels_for_a_model_that_is_not_clip_are_a_400()
    {
        var form = LookupRequests.Multipart(TestImages.Png(), "picture.png", "image/png");
        form.Add(new StringContent("cat, dog"), "labels");
        using var catalog = new TestCatalog();
        using var resnet = new AtlasWebFactory(catalog.Path, app.Catalog.Settings());

        var response = await resnet.CreateAtlasClient().PostAsync("/api/lookup?model=resnet18", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a CLIP model", await response.Content.ReadAsStringAsync());
    }
}
