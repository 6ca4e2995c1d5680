/* Region picker: province → city → county, for each select[data-region-picker].
 *
 * The select (members.regions.RegionSelect) lists every county-level division grouped by
 * "province · city" and works without this script. Here two selects are put before it, for
 * the province and the city, and the county select keeps only the chosen city's options.
 * The posted value is still the county select's: its six-digit code.
 */
(function () {
  "use strict";

  const SEPARATOR = " · ";

  function split(label) {
    const parts = label.split(SEPARATOR);
    return { province: parts[0], city: parts[1] || parts[0] };
  }

  function fill(select, values, placeholder, chosen) {
    select.replaceChildren(new Option(placeholder, ""));
    values.forEach((value) => select.add(new Option(value, value, false, value === chosen)));
  }

  function enhance(county) {
    const groups = Array.from(county.querySelectorAll("optgroup")).map((group) => ({
      ...split(group.label),
      options: Array.from(group.children).map((o) => [o.value, o.textContent]),
    }));
    const blank = county.querySelector("option[value='']");
    const placeholder = blank ? blank.textContent : "";
    const current = county.value;
    const start = groups.find((g) => g.options.some(([value]) => value === current));
    const province = document.createElement("select");
    const city = document.createElement("select");
    province.setAttribute("aria-label", county.dataset.provinceLabel || "省");
    city.setAttribute("aria-label", county.dataset.cityLabel || "市");
    province.className = city.className = "region-part";
    province.id = `${county.id}_province`;
    city.id = `${county.id}_city`;
    county.before(province, city);

    const provinces = [...new Set(groups.map((g) => g.province))];
    fill(province, provinces, county.dataset.provinceLabel || "省", start && start.province);

    function showCities(chosenCity) {
      const cities = groups.filter((g) => g.province === province.value).map((g) => g.city);
      fill(city, [...new Set(cities)], county.dataset.cityLabel || "市", chosenCity);
      city.hidden = cities.length === 1 && cities[0] === province.value;
      if (city.hidden) city.value = cities[0];
    }

    function showCounties(chosen) {
      const group = groups.find((g) => g.province === province.value && g.city === city.value);
      county.replaceChildren(new Option(placeholder, ""));
      (group ? group.options : []).forEach(([value, text]) =>
        county.add(new Option(text, value, false, value === chosen)),
      );
    }

    province.addEventListener("change", () => {
      showCities();
      showCounties();
    });
    city.addEventListener("change", () => showCounties());
    showCities(start && start.city);
    showCounties(current);
  }

  document.querySelectorAll("select[data-region-picker]").forEach(enhance);
})();
