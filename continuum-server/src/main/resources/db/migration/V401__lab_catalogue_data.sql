-- The catalogue a new laboratory starts with: the tests of the commonest orders. Adult reference ranges are the
-- usual textbook intervals; the laboratory replaces them with its own validated ones.

insert into lab_bench (code, name, analyzer) values
    ('HEMA',   'Haematology',        'SYSMEX-XN'),
    ('CHEM',   'Clinical chemistry', 'COBAS-PRO'),
    ('COAG',   'Coagulation',        'CS-2500'),
    ('MANUAL', 'Manual bench',       null);

insert into lab_test (code, name, short_name, specimen_type, container, value_type, unit, decimals, bench, method, sort_order) values
    ('6690-2',  'Leukocytes [#/volume] in Blood by Automated count',                       'WBC',    'BLD',  'EDTA tube (lavender)',        'NM', '10*3/uL', 1, 'HEMA', 'Flow cytometry',           10),
    ('789-8',   'Erythrocytes [#/volume] in Blood by Automated count',                     'RBC',    'BLD',  'EDTA tube (lavender)',        'NM', '10*6/uL', 2, 'HEMA', 'Impedance',                11),
    ('718-7',   'Hemoglobin [Mass/volume] in Blood',                                       'Hb',     'BLD',  'EDTA tube (lavender)',        'NM', 'g/dL',    1, 'HEMA', 'SLS haemoglobin',          12),
    ('4544-3',  'Hematocrit [Volume Fraction] of Blood by Automated count',                'Hct',    'BLD',  'EDTA tube (lavender)',        'NM', '%',       1, 'HEMA', 'Impedance',                13),
    ('787-2',   'MCV [Entitic volume] by Automated count',                                 'MCV',    'BLD',  'EDTA tube (lavender)',        'NM', 'fL',      1, 'HEMA', 'Calculated',               14),
    ('777-3',   'Platelets [#/volume] in Blood by Automated count',                        'PLT',    'BLD',  'EDTA tube (lavender)',        'NM', '10*3/uL', 0, 'HEMA', 'Impedance',                15),
    ('2951-2',  'Sodium [Moles/volume] in Serum or Plasma',                                'Na',     'SER',  'Serum gel tube (gold)',       'NM', 'mmol/L',  0, 'CHEM', 'Indirect ISE',             20),
    ('2823-3',  'Potassium [Moles/volume] in Serum or Plasma',                             'K',      'SER',  'Serum gel tube (gold)',       'NM', 'mmol/L',  1, 'CHEM', 'Indirect ISE',             21),
    ('2075-0',  'Chloride [Moles/volume] in Serum or Plasma',                              'Cl',     'SER',  'Serum gel tube (gold)',       'NM', 'mmol/L',  0, 'CHEM', 'Indirect ISE',             22),
    ('2028-9',  'Carbon dioxide, total [Moles/volume] in Serum or Plasma',                 'CO2',    'SER',  'Serum gel tube (gold)',       'NM', 'mmol/L',  0, 'CHEM', 'Enzymatic',                23),
    ('3094-0',  'Urea nitrogen [Mass/volume] in Serum or Plasma',                          'Urea N', 'SER',  'Serum gel tube (gold)',       'NM', 'mg/dL',   0, 'CHEM', 'Urease',                   24),
    ('2160-0',  'Creatinine [Mass/volume] in Serum or Plasma',                             'Creat',  'SER',  'Serum gel tube (gold)',       'NM', 'mg/dL',   2, 'CHEM', 'Enzymatic',                25),
    ('2345-7',  'Glucose [Mass/volume] in Serum or Plasma',                                'Gluc',   'SER',  'Serum gel tube (gold)',       'NM', 'mg/dL',   0, 'CHEM', 'Hexokinase',               26),
    ('17861-6', 'Calcium [Mass/volume] in Serum or Plasma',                                'Ca',     'SER',  'Serum gel tube (gold)',       'NM', 'mg/dL',   1, 'CHEM', 'Arsenazo III',             27),
    ('1988-5',  'C reactive protein [Mass/volume] in Serum or Plasma',                     'CRP',    'SER',  'Serum gel tube (gold)',       'NM', 'mg/L',    1, 'CHEM', 'Immunoturbidimetry',       30),
    ('67151-1', 'Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method', 'hs-TnT', 'SER', 'Serum gel tube (gold)', 'NM', 'ng/L', 0, 'CHEM', 'ECLIA',                  31),
    ('4548-4',  'Hemoglobin A1c/Hemoglobin.total in Blood',                                'HbA1c',  'BLD',  'EDTA tube (lavender)',        'NM', '%',       1, 'CHEM', 'Immunoassay',              32),
    ('6301-6',  'INR in Platelet poor plasma by Coagulation assay',                        'INR',    'PLAS', 'Citrate tube (light blue)',   'NM', '{INR}',   1, 'COAG', 'Clotting (PT)',            40),
    ('4537-7',  'Erythrocyte sedimentation rate by Westergren method',                     'ESR',    'BLD',  'Citrate ESR tube (black)',    'NM', 'mm/h',    0, 'MANUAL', 'Westergren',           50),
    ('2106-3',  'Choriogonadotropin (pregnancy test) [Presence] in Urine',                 'hCG U',  'UR',   'Urine container',             'ST', null,      null, 'MANUAL', 'Lateral flow',       51);

insert into lab_orderable (code, name, short_name, sort_order) values
    ('58410-2', 'CBC panel - Blood by Automated count', 'Complete blood count', 10),
    ('51990-0', 'Basic metabolic panel - Blood',        'Basic metabolic panel', 20),
    ('1988-5',  'C reactive protein',                   'CRP',                   30),
    ('67151-1', 'Troponin T, high sensitivity',         'Troponin T (hs)',       31),
    ('4548-4',  'Haemoglobin A1c',                      'HbA1c',                 32),
    ('6301-6',  'Prothrombin time INR',                 'INR',                   40),
    ('4537-7',  'Erythrocyte sedimentation rate',       'ESR',                   50),
    ('2106-3',  'Pregnancy test, urine',                'hCG urine',             51);

insert into lab_orderable_test (orderable_code, test_code, position) values
    ('58410-2', '6690-2', 1), ('58410-2', '789-8', 2), ('58410-2', '718-7', 3), ('58410-2', '4544-3', 4),
    ('58410-2', '787-2', 5), ('58410-2', '777-3', 6),
    ('51990-0', '2951-2', 1), ('51990-0', '2823-3', 2), ('51990-0', '2075-0', 3), ('51990-0', '2028-9', 4),
    ('51990-0', '3094-0', 5), ('51990-0', '2160-0', 6), ('51990-0', '2345-7', 7), ('51990-0', '17861-6', 8),
    ('1988-5', '1988-5', 1), ('67151-1', '67151-1', 1), ('4548-4', '4548-4', 1), ('6301-6', '6301-6', 1),
    ('4537-7', '4537-7', 1), ('2106-3', '2106-3', 1);

-- Age bands in days: 0-365 infants, 365-6570 children (1-18 years), 6570- adults.
insert into lab_reference_range (test_code, sex, age_from_days, age_to_days, low, high, critical_low, critical_high, normal_text) values
    ('6690-2',  null,     0,    6570, 5.0,  15.0, 1.0,  30,   null),
    ('6690-2',  null,     6570, null, 4.0,  10.0, 1.0,  30,   null),
    ('789-8',   'male',   6570, null, 4.5,  5.9,  null, null, null),
    ('789-8',   'female', 6570, null, 4.0,  5.2,  null, null, null),
    ('789-8',   null,     0,    6570, 3.9,  5.5,  null, null, null),
    ('718-7',   null,     0,    365,  10.0, 14.0, 7.0,  22.0, null),
    ('718-7',   null,     365,  6570, 11.5, 15.5, 7.0,  20.0, null),
    ('718-7',   'male',   6570, null, 13.5, 17.5, 7.0,  20.0, null),
    ('718-7',   'female', 6570, null, 12.0, 16.0, 7.0,  20.0, null),
    ('4544-3',  'male',   6570, null, 41,   53,   20,   60,   null),
    ('4544-3',  'female', 6570, null, 36,   46,   20,   60,   null),
    ('4544-3',  null,     0,    6570, 34,   45,   20,   60,   null),
    ('787-2',   null,     0,    null, 80,   100,  null, null, null),
    ('777-3',   null,     0,    null, 150,  400,  20,   1000, null),
    ('2951-2',  null,     0,    null, 135,  145,  120,  160,  null),
    ('2823-3',  null,     0,    null, 3.5,  5.1,  2.5,  6.5,  null),
    ('2075-0',  null,     0,    null, 98,   107,  null, null, null),
    ('2028-9',  null,     0,    null, 22,   29,   10,   40,   null),
    ('3094-0',  null,     0,    null, 7,    20,   null, 100,  null),
    ('2160-0',  null,     0,    6570, 0.30, 0.70, null, null, null),
    ('2160-0',  'male',   6570, null, 0.70, 1.20, null, 10.0, null),
    ('2160-0',  'female', 6570, null, 0.50, 0.90, null, 10.0, null),
    ('2345-7',  null,     0,    null, 70,   99,   40,   500,  null),
    ('17861-6', null,     0,    null, 8.6,  10.2, 6.5,  13.0, null),
    ('1988-5',  null,     0,    null, null, 5.0,  null, null, null),
    ('67151-1', null,     0,    null, null, 14,   null, 52,   null),
    ('4548-4',  null,     0,    null, 4.0,  5.6,  null, null, null),
    ('6301-6',  null,     0,    null, 0.8,  1.2,  null, 5.0,  null),
    ('4537-7',  'male',   0,    null, 0,    15,   null, null, null),
    ('4537-7',  'female', 0,    null, 0,    20,   null, null, null),
    ('2106-3',  null,     0,    null, null, null, null, null, 'Negative');
