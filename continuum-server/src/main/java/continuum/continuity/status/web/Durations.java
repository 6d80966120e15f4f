package continuum.continuity.status.web;

import java.time.Duration;

/** Durations as people read them on a status page: "2 h 05 min", "45 s", "3 d 4 h". */
final class Durations {

	private Durations() {
	}

	static String text(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		long minutes = seconds / 60;
		if (minutes < 60) {
			return minutes + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
		}
		long hours = minutes / 60;
		if (hours < 24) {
			return hours + " h " + String.format("%02d", minutes % 60) + " min";
		}
		return hours / 24 + " d " + hours % 24 + " h";
	}

}
