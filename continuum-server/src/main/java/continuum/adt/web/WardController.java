package continuum.adt.web;

import continuum.adt.CensusService;
import continuum.adt.LocationService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /wards}: every ward with its occupancy; {@code /wards/{code}}: the census of one
 * ward.
 */
@Controller
class WardController {

	private final LocationService locations;

	private final CensusService census;

	WardController(LocationService locations, CensusService census) {
		this.locations = locations;
		this.census = census;
	}

	@GetMapping("/wards")
	String wards(Model model) {
		model.addAttribute("wards", locations.wards());
		return "adt/wards";
	}

	@GetMapping("/wards/{code}")
	String census(@PathVariable String code, Model model) {
		model.addAttribute("census", census.census(code));
		model.addAttribute("times", Times.INSTANCE);
		return "adt/census";
	}

}
