-- The demo hospital's radiology catalogue: what a clinician can order. Codes are LOINC (coding scheme "LN") where the
-- LOINC/RSNA Radiology Playbook term is certain, otherwise the hospital's own scheme "99CONT" (a local coding
-- scheme designator, PS3.16 §8.2: "99" prefix). Modality (0008,0060) and body part (0018,0015) are DICOM defined
-- terms; the duration is the length of one slot on the modality's schedule in the scheduling module.
insert into imaging_procedure (code, coding_scheme, display, modality, body_part, duration_minutes) values
    ('36643-5',     'LN',     'XR Chest 2 Views',                       'DX', 'CHEST',    10),
    ('XR-LSPINE',   '99CONT', 'XR Lumbar spine 2 views',                'DX', 'LSPINE',   15),
    ('XR-KNEE',     '99CONT', 'XR Knee 2 views',                        'DX', 'KNEE',     10),
    ('XR-HAND',     '99CONT', 'XR Hand 3 views',                        'CR', 'HAND',     10),
    ('XR-ANKLE',    '99CONT', 'XR Ankle 3 views',                       'CR', 'ANKLE',    10),
    ('24725-4',     'LN',     'CT Head',                                'CT', 'HEAD',     20),
    ('24627-2',     'LN',     'CT Chest',                               'CT', 'CHEST',    20),
    ('CT-ABDPEL-C', '99CONT', 'CT Abdomen and pelvis with IV contrast', 'CT', 'ABDOMEN',  20),
    ('CT-CSPINE',   '99CONT', 'CT Cervical spine',                      'CT', 'CSPINE',   20),
    ('MR-BRAIN',    '99CONT', 'MR Brain',                               'MR', 'BRAIN',    30),
    ('MR-KNEE',     '99CONT', 'MR Knee',                                'MR', 'KNEE',     30),
    ('MR-LSPINE',   '99CONT', 'MR Lumbar spine',                        'MR', 'LSPINE',   30),
    ('US-ABD',      '99CONT', 'US Abdomen',                             'US', 'ABDOMEN',  20),
    ('US-PELVIS',   '99CONT', 'US Pelvis',                              'US', 'PELVIS',   20),
    ('US-NECK',     '99CONT', 'US Thyroid',                             'US', 'NECK',     20),
    ('MG-SCREEN',   '99CONT', 'MG Screening mammography bilateral',     'MG', 'BREAST',   15);
