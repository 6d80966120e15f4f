package continuum.adt.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import continuum.adt.BedId;
import continuum.adt.BedStatus;
import continuum.adt.LocationKind;
import continuum.adt.LocationQuery;
import continuum.adt.LocationRef;
import continuum.adt.LocationService;
import continuum.adt.NewPlace;
import continuum.adt.Place;
import continuum.adt.Specialty;
import continuum.adt.Ward;
import continuum.platform.ConflictException;
import continuum.platform.InvalidInputException;
import continuum.platform.VersionConflictException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Wards, rooms and beds for administrators: add a ward, a room to it, a bed to a room,
 * and close a bed, send it to housekeeping or open it again. What
 * {@code POST /fhir/Location} and a bed's FHIR update do, for a hospital without an
 * integration engine. No patient is shown: only whether a bed is taken.
 */
@Controller
@RequestMapping("/admin/wards")
class PlacesController {

	private static final int MAX_PLACES = 1000;

	private final LocationService locations;

	private final AccessControl access;

	PlacesController(LocationService locations, AccessControl access) {
		this.locations = locations;
		this.access = access;
	}

	/** A room of a ward with its beds, for the page. */
	record RoomBeds(Place room, List<Place> beds) {
	}

	@GetMapping
	String wards(Model model) {
		access.require("Location", Interaction.CREATE, null, null);
		return wardsPage(Map.of(), Map.of(), model);
	}

	@PostMapping
	String addWard(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String specialty, Model model, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		Specialty chosen = Arrays.stream(Specialty.values())
			.filter(s -> s.name().equals(specialty))
			.findFirst()
			.orElse(null);
		if (chosen == null) {
			errors.put("specialty", "Choose the ward's specialty.");
		}
		else {
			try {
				locations.create(NewPlace.ward(code, name, chosen));
				return "redirect:/admin/wards/" + code.strip() + "?done=ward";
			}
			catch (ConflictException ex) {
				errors.put("code", "The code " + code.strip() + " is already used. Choose another one.");
			}
			catch (InvalidInputException ex) {
				errors.put("form", ex.getMessage() + ".");
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return wardsPage(errors, Map.of("code", code, "name", name, "specialty", specialty), model);
	}

	@GetMapping("/{code}")
	String ward(@PathVariable String code, @RequestParam(required = false) @Nullable String done, Model model) {
		return wardPage(code, done, Map.of(), model);
	}

	@PostMapping("/{code}/rooms")
	String addRoom(@PathVariable String code, @RequestParam(defaultValue = "") String room, Model model,
			HttpServletResponse response) {
		Ward ward = locations.ward(code);
		return change(code, model, response, "room",
				() -> locations.create(NewPlace.room(new LocationRef(LocationKind.WARD, ward.id()), room, null)));
	}

	@PostMapping("/{code}/beds")
	String addBed(@PathVariable String code, @RequestParam long room, @RequestParam(defaultValue = "") String bed,
			@RequestParam(defaultValue = "OPERATIONAL") String status, Model model, HttpServletResponse response) {
		return change(code, model, response, "bed", () -> locations
			.create(NewPlace.bed(new LocationRef(LocationKind.ROOM, room), bed, null, status(status))));
	}

	@PostMapping("/{code}/beds/{bed}/status")
	String setStatus(@PathVariable String code, @PathVariable long bed, @RequestParam String status,
			@RequestParam(required = false) @Nullable Integer version, Model model, HttpServletResponse response) {
		return change(code, model, response, "status",
				() -> locations.setStatus(new BedId(bed), status(status), version));
	}

	/** Runs a change and answers the ward's page again: with a notice, or why not. */
	private String change(String code, Model model, HttpServletResponse response, String done, Runnable change) {
		try {
			change.run();
			return "redirect:/admin/wards/" + code + "?done=" + done;
		}
		catch (VersionConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return wardPage(code, null, Map.of("form", "Someone else changed this bed meanwhile: it is shown as it is "
					+ "now. Make your change again if it is still needed."), model);
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return wardPage(code, null, Map.of("form", ex.getMessage() + "."), model);
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return wardPage(code, null, Map.of("form", ex.getMessage() + "."), model);
		}
	}

	private String wardsPage(Map<String, String> errors, Map<String, String> form, Model model) {
		model.addAttribute("wards", locations.wards());
		model.addAttribute("specialties", Specialty.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "adt/places";
	}

	private String wardPage(String code, @Nullable String done, Map<String, String> errors, Model model) {
		access.require("Location", Interaction.CREATE, null, null);
		Ward ward = locations.ward(code);
		LocationRef wardRef = new LocationRef(LocationKind.WARD, ward.id());
		List<RoomBeds> rooms = new ArrayList<>();
		for (Place room : locations.search(new LocationQuery(null, LocationKind.ROOM, wardRef, Set.of()), MAX_PLACES,
				0)) {
			rooms.add(new RoomBeds(room,
					locations.search(new LocationQuery(null, LocationKind.BED, room.ref(), Set.of()), MAX_PLACES, 0)));
		}
		model.addAttribute("ward", ward);
		model.addAttribute("rooms", rooms);
		model.addAttribute("done", done == null ? null : switch (done) {
			case "ward" -> "The ward was added. Add its rooms and beds below.";
			case "room" -> "The room was added.";
			case "bed" -> "The bed was added.";
			case "status" -> "The bed's status was changed.";
			default -> null;
		});
		model.addAttribute("errors", errors);
		return "adt/placesWard";
	}

	private static BedStatus status(String text) {
		try {
			return BedStatus.valueOf(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("Choose open, housekeeping or closed");
		}
	}

}
