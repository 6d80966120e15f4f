package continuum.adt;

import java.util.Objects;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A ward, a room of a ward or a bed of a room, to be added to the hospital. A ward has a
 * name and a specialty; a room or a bed names its ward or room and takes its name from
 * its code and its ward's ("Bed 2 (3B)"): a name given for one must be that name, so that
 * nothing a caller sent is silently dropped. A new bed may start closed or in
 * housekeeping. The code is what staff call the place: 1 to 16 letters, digits, spaces,
 * '.', '/' or '-', unique within the hospital for a ward, within its ward for a room and
 * within its room for a bed.
 */
public record NewPlace(LocationKind kind, String code, @Nullable String name, @Nullable Specialty specialty,
		@Nullable LocationRef partOf, BedStatus bedStatus) {

	public NewPlace {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(bedStatus, "bedStatus");
		code = code == null ? "" : code.strip();
		if (code.isEmpty() || code.length() > 16 || !code.chars().allMatch(NewPlace::codeCharacter)) {
			throw new InvalidInputException("A " + kind.display().toLowerCase()
					+ "'s code must be 1 to 16 letters, digits, spaces, '.', '/' or '-'");
		}
		name = name == null || name.isBlank() ? null : name.strip();
		switch (kind) {
			case WARD -> {
				if (name == null || name.length() > 120) {
					throw new InvalidInputException("A ward needs a name of at most 120 characters");
				}
				if (specialty == null) {
					throw new InvalidInputException("A ward needs a specialty");
				}
				if (partOf != null) {
					throw new InvalidInputException("A ward is part of no other place");
				}
			}
			case ROOM -> requireParent(kind, partOf, LocationKind.WARD, specialty);
			case BED -> requireParent(kind, partOf, LocationKind.ROOM, specialty);
		}
		if (kind != LocationKind.BED && bedStatus != BedStatus.OPERATIONAL) {
			throw new InvalidInputException("Only a bed has an operational status");
		}
	}

	public static NewPlace ward(String code, String name, Specialty specialty) {
		return new NewPlace(LocationKind.WARD, code, name, specialty, null, BedStatus.OPERATIONAL);
	}

	public static NewPlace room(LocationRef ward, String code, @Nullable String name) {
		return new NewPlace(LocationKind.ROOM, code, name, null, ward, BedStatus.OPERATIONAL);
	}

	public static NewPlace bed(LocationRef room, String code, @Nullable String name, BedStatus status) {
		return new NewPlace(LocationKind.BED, code, name, null, room, status);
	}

	private static void requireParent(LocationKind kind, @Nullable LocationRef partOf, LocationKind parent,
			@Nullable Specialty specialty) {
		if (specialty != null) {
			throw new InvalidInputException("A " + kind.display().toLowerCase() + " has the specialty of its ward");
		}
		if (partOf == null || partOf.kind() != parent) {
			throw new InvalidInputException("A " + kind.display().toLowerCase() + " must be part of a "
					+ parent.display().toLowerCase() + (partOf == null ? "" : ", not of " + partOf));
		}
	}

	private static boolean codeCharacter(int c) {
		return Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '/' || c == '-';
	}

}
