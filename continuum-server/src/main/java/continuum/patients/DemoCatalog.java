package continuum.patients;

import java.util.List;

/**
 * The vocabulary of the synthetic demo population: Belgian family and given names in
 * Dutch, French and German (with their accents and particles), towns with postal codes
 * per language region, and the allergies, medications and problems common in a general
 * hospital, drawn from the product's terminology ({@link CommonTerms}) with the details a
 * demo entry adds (category, criticality, reaction; dose, route, frequency).
 */
final class DemoCatalog {

	private DemoCatalog() {
	}

	static final List<String> DUTCH_FAMILIES = List.of("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems",
			"Claes", "Goossens", "Wouters", "De Smet", "Vermeulen", "Van de Velde", "Van den Bossche", "Vandenbroucke",
			"De Clercq", "D'Hondt", "Verstraete", "Van Damme", "De Backer", "Hermans", "Michiels", "Aerts", "Van Dyck",
			"Coppens", "De Vos", "Van Acker", "Wuyts", "Claessens", "Smets", "Nuyts", "Bogaerts", "Vanderlinden",
			"Cools", "Lenaerts", "Van Hecke", "De Wilde", "Verhoeven", "Verbeke", "Hendrickx", "Segers",
			"Van der Meulen", "Van Hoof", "De Meyer", "Vandamme", "Van Praet", "Op de Beeck", "Geerts", "Dierckx",
			"Van Laere", "T'Jonck", "Slegers", "Baeten");

	static final List<String> FRENCH_FAMILIES = List.of("Dubois", "Lambert", "Dupont", "Martin", "Lefèvre", "Lemaître",
			"Leclercq", "Renard", "Mathieu", "Dumont", "François", "Lejeune", "Simon", "Laurent", "Bastin", "Gérard",
			"Noël", "Lecomte", "Hubert", "Denis", "Collard", "Delvaux", "Thiry", "Gilson", "Stévenart", "Maréchal",
			"Deprez", "Delhaye", "Lemaire", "Fontaine", "Piérard", "Goffin", "de Thier", "Dethier", "Wathelet",
			"Pirard", "Hennuy", "Ruelle", "Collignon", "D'Ursel", "de Ligne", "Daubresse");

	static final List<String> GERMAN_FAMILIES = List.of("Müller", "Schmitz", "Krämer", "Schröder", "Meyer", "Förster",
			"Heinen", "Jöbges", "Kohnen", "Brüls");

	static final List<String> DUTCH_MALE = List.of("Lucas", "Liam", "Noah", "Arthur", "Louis", "Jules", "Finn", "Wout",
			"Pieter", "Jan", "Koen", "Bart", "Tom", "Stijn", "Jens", "Dirk", "Willem", "Joris", "Maarten", "Sander",
			"Ruben", "Seppe");

	static final List<String> DUTCH_FEMALE = List.of("Emma", "Marie", "Lotte", "Sofie", "Els", "Lien", "An", "Inge",
			"Fien", "Noor", "Hanne", "Griet", "Annelies", "Katrien", "Lore", "Ilse", "Nele", "Joke", "Marieke");

	static final List<String> FRENCH_MALE = List.of("Jean", "Pierre", "Jérôme", "François", "Hugo", "Théo", "Mathéo",
			"Noé", "Rémi", "Benoît", "Grégoire", "Jean-Pierre", "Cédric", "Olivier", "Maxime", "Nicolas", "Étienne",
			"Raphaël", "Loïc");

	static final List<String> FRENCH_FEMALE = List.of("Chloé", "Léa", "Céline", "Hélène", "Amélie", "Zoé", "Élodie",
			"Mélanie", "Anaïs", "Marie-Claire", "Anne-Sophie", "Josée", "Geneviève", "Marie", "Camille", "Inès",
			"Françoise", "Noémie", "Manon");

	static final List<String> GERMAN_MALE = List.of("Jürgen", "Lukas", "Matthias", "Günther", "Stefan", "Jörg");

	static final List<String> GERMAN_FEMALE = List.of("Jana", "Anneliese", "Sabine", "Brigitte", "Käthe", "Ulrike");

	/** A town: name, postal code, and the street names used there. */
	record Town(String name, String postalCode, List<String> streets) {
	}

	static final List<String> DUTCH_STREETS = List.of("Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat",
			"Nieuwstraat", "Kapelstraat", "Schoolstraat", "Veldstraat", "Lindenlaan", "Grote Markt");

	static final List<String> FRENCH_STREETS = List.of("Rue de la Station", "Rue de l'Église", "Chaussée de Bruxelles",
			"Rue du Moulin", "Avenue des Tilleuls", "Place Saint-Lambert", "Rue des Écoles", "Rue Haute");

	static final List<String> GERMAN_STREETS = List.of("Bahnhofstraße", "Kirchstraße", "Hauptstraße",
			"Aachener Straße");

	static final List<Town> FLEMISH_TOWNS = List.of(new Town("Antwerpen", "2000", DUTCH_STREETS),
			new Town("Gent", "9000", DUTCH_STREETS), new Town("Brugge", "8000", DUTCH_STREETS),
			new Town("Leuven", "3000", DUTCH_STREETS), new Town("Mechelen", "2800", DUTCH_STREETS),
			new Town("Hasselt", "3500", DUTCH_STREETS), new Town("Kortrijk", "8500", DUTCH_STREETS),
			new Town("Aalst", "9300", DUTCH_STREETS), new Town("Oostende", "8400", DUTCH_STREETS),
			new Town("Sint-Niklaas", "9100", DUTCH_STREETS), new Town("Genk", "3600", DUTCH_STREETS),
			new Town("Roeselare", "8800", DUTCH_STREETS));

	static final List<Town> WALLOON_TOWNS = List.of(new Town("Liège", "4000", FRENCH_STREETS),
			new Town("Namur", "5000", FRENCH_STREETS), new Town("Charleroi", "6000", FRENCH_STREETS),
			new Town("Mons", "7000", FRENCH_STREETS), new Town("La Louvière", "7100", FRENCH_STREETS),
			new Town("Tournai", "7500", FRENCH_STREETS), new Town("Arlon", "6700", FRENCH_STREETS),
			new Town("Wavre", "1300", FRENCH_STREETS), new Town("Verviers", "4800", FRENCH_STREETS),
			new Town("Bruxelles", "1000", FRENCH_STREETS), new Town("Ixelles", "1050", FRENCH_STREETS),
			new Town("Schaerbeek", "1030", FRENCH_STREETS), new Town("Uccle", "1180", FRENCH_STREETS));

	static final List<Town> GERMAN_TOWNS = List.of(new Town("Eupen", "4700", GERMAN_STREETS),
			new Town("Sankt Vith", "4780", GERMAN_STREETS), new Town("Kelmis", "4720", GERMAN_STREETS));

	/**
	 * An allergy template: substance, category, criticality, typical reaction and its
	 * severity.
	 */
	record AllergyKind(ClinicalCode substance, String category, String criticality, String reaction, String severity) {
	}

	static final List<AllergyKind> ALLERGIES = List.of(
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Penicillin"), "medication", "high", "Anaphylaxis",
					"severe"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Latex"), "environment", "high", "Urticaria",
					"moderate"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Iodinated contrast media"), "medication", "high",
					"Bronchospasm", "severe"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Peanut"), "food", "high", "Anaphylaxis",
					"severe"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Aspirin"), "medication", "low", "Rash", "mild"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Codeine"), "medication", "low", "Nausea", "mild"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "House dust mite"), "environment", "low",
					"Rhinitis", "mild"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Bee venom"), "environment", "high", "Angioedema",
					"severe"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Lactose"), "food", "low", "Abdominal cramps",
					"mild"),
			new AllergyKind(CommonTerms.term(CommonTerms.SUBSTANCES, "Shellfish"), "food", "high", "Anaphylaxis",
					"severe"));

	/** A medication template: drug, dose, route, frequency. */
	record MedicationKind(ClinicalCode drug, String dose, String route, String frequency) {
	}

	static final List<MedicationKind> MEDICATIONS = List.of(
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Paracetamol 1 g tablet"), "1 g", "oral",
					"4 times a day if needed"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Metformin 850 mg tablet"), "850 mg", "oral",
					"twice a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Atorvastatin 20 mg tablet"), "20 mg", "oral",
					"once a day at night"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Bisoprolol 5 mg tablet"), "5 mg", "oral",
					"once a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Lisinopril 10 mg tablet"), "10 mg", "oral",
					"once a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Amlodipine 5 mg tablet"), "5 mg", "oral",
					"once a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Pantoprazole 40 mg tablet"), "40 mg", "oral",
					"once a day before breakfast"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Levothyroxine 75 µg tablet"), "75 µg", "oral",
					"once a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Salbutamol 100 µg inhaler"), "2 puffs",
					"inhalation", "as needed"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Apixaban 5 mg tablet"), "5 mg", "oral",
					"twice a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Furosemide 40 mg tablet"), "40 mg", "oral",
					"once a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Sertraline 50 mg tablet"), "50 mg", "oral",
					"once a day"),
			new MedicationKind(CommonTerms.term(CommonTerms.DRUGS, "Insulin glargine 100 U/ml pen"), "20 U",
					"subcutaneous", "once a day at night"));

	static final List<ClinicalCode> PROBLEMS = CommonTerms.PROBLEMS;

}
