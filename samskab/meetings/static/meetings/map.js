/* The area map: progressive enhancement over the table of places beside it.
 * Leaflet is served by this site; tiles come from MAP_TILE_URL. When Leaflet or the
 * places are missing the map stays hidden, and the table is the whole story. */
(function () {
  "use strict";
  var element = document.getElementById("area-map");
  var data = document.getElementById("map-places");
  if (!element || !data || typeof window.L === "undefined") {
    return;
  }
  var places = JSON.parse(data.textContent || "[]");
  var tileUrl = element.getAttribute("data-tile-url");
  if (!places.length || !tileUrl) {
    return;
  }
  element.hidden = false;
  var map = window.L.map(element, { scrollWheelZoom: false, zoomControl: false });
  // A plain "-": axe-core cannot check the contrast of Leaflet's default minus sign.
  window.L.control.zoom({ zoomOutText: "-" }).addTo(map);
  window.L.tileLayer(tileUrl, {
    maxZoom: 18,
    attribution: element.getAttribute("data-attribution") || "",
  }).addTo(map);
  var points = [];
  places.forEach(function (place) {
    var point = [place.latitude, place.longitude];
    points.push(point);
    var label = document.createElement("span");
    label.textContent = place.label; // text, never HTML
    window.L.marker(point, { title: place.label, alt: place.label }).addTo(map).bindPopup(label);
  });
  if (points.length === 1) {
    map.setView(points[0], 13);
  } else {
    map.fitBounds(points, { padding: [30, 30], maxZoom: 14 });
  }
})();
