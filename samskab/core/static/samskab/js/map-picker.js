/* The map picker: progressive enhancement over a pair of latitude/longitude fields.
 * Leaflet is served by this site; tiles come from MAP_TILE_URL. Clicking the map writes
 * the point into the fields (with a Danish decimal comma); typing in the fields moves the
 * marker. Without JavaScript or Leaflet the map stays hidden and the fields are plain
 * inputs; keyboard users keep the fields. */
(function () {
  "use strict";
  if (typeof window.L === "undefined") {
    return;
  }
  var DEFAULT_CENTRE = [55.33, 11.25]; // the municipality
  function read(input) {
    var text = (input.value || "").trim().replace(",", ".");
    if (text === "") {
      return null;
    }
    var number = Number(text);
    return isFinite(number) ? number : null;
  }
  function write(number) {
    return number.toFixed(6).replace(/0+$/, "").replace(/\.$/, "").replace(".", ",");
  }
  document.querySelectorAll("[data-map-picker]").forEach(function (element) {
    var latitude = document.getElementById(element.getAttribute("data-latitude"));
    var longitude = document.getElementById(element.getAttribute("data-longitude"));
    var tileUrl = element.getAttribute("data-tile-url");
    var wrapper = element.parentElement;
    if (!latitude || !longitude || !tileUrl || !wrapper) {
      return;
    }
    wrapper.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false, zoomControl: false, keyboard: false });
    // A plain "-": axe-core cannot check the contrast of Leaflet's default minus sign.
    window.L.control.zoom({ zoomOutText: "-" }).addTo(map);
    window.L.tileLayer(tileUrl, {
      maxZoom: 18,
      attribution: element.getAttribute("data-attribution") || "",
    }).addTo(map);
    var marker = null;
    function place(point) {
      if (marker === null) {
        marker = window.L.marker(point, { keyboard: false, alt: "" }).addTo(map);
      } else {
        marker.setLatLng(point);
      }
    }
    function fromFields() {
      var lat = read(latitude);
      var lng = read(longitude);
      if (lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
        place([lat, lng]);
        return [lat, lng];
      }
      return null;
    }
    var start = fromFields();
    map.setView(start || DEFAULT_CENTRE, start ? 14 : 10);
    map.on("click", function (event) {
      var point = event.latlng.wrap();
      latitude.value = write(point.lat);
      longitude.value = write(point.lng);
      place([point.lat, point.lng]);
      latitude.dispatchEvent(new Event("change", { bubbles: true }));
      longitude.dispatchEvent(new Event("change", { bubbles: true }));
    });
    latitude.addEventListener("input", fromFields);
    longitude.addEventListener("input", fromFields);
  });
})();
