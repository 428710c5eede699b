namespace RelTool.IntegrationTests.RealApps;

/// <summary>Apps/Shop: an ASP.NET Core minimal API (Shop.Api) with a class library and OpenTelemetry, released once.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShopApiRelease() : RealAppRelease("Shop", "Shop.Api");
