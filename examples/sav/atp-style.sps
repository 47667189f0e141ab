* A small made-up survey in the shape of a Pew American Trends Panel wave (variable names, labels, refusal
* code 99, WEIGHT_W34), written with GNU PSPP 1.6.2: pspp atp-style.sps. The answers are random, not real data.
SET LOCALE='UTF-8'.
DATA LIST FREE /QKEY (F8.0) ECON1_W34 (F2.0) SATIS_W34 (F2.0) VOTED_W34 (F2.0) F_AGECAT (F2.0) F_SEX (F2.0)
  F_EDUCCAT2 (F2.0) F_RACECMB (F2.0) F_INCOME (F2.0) F_PARTY_FINAL (F2.0) F_CREGION (F2.0) WEIGHT_W34 (F8.4).
BEGIN DATA.
100007 4 3 2 99 1 2 1 7 3 1 0.512
100014 99 1 1 2 1 3 3 99 1 2 1.4184
100021 3 2 1 1 2 2 5 5 3 4 1.6953
100028 99 1 2 2 2 5 4 4 2 1 1.1268
100035 99 4 2 3 1 2 4 6 4 1 3.056
100042 1 3 99 4 2 2 2 3 3 3 0.5443
100049 1 1 99 4 1 4 3 9 3 4 0.3618
100056 3 1 99 2 1 6 4 6 4 3 2.2286
100063 1 99 2 99 1 2 3 2 99 3 2.7183
100070 1 4 2 2 2 2 99 6 4 2 2.1596
100077 1 4 2 3 2 6 5 99 99 4 2.2563
100084 2 99 2 2 1 1 4 7 99 3 1.7277
100091 2 2 99 99 2 4 99 5 99 1 1.8749
100098 99 3 1 1 2 1 1 8 4 4 1.9593
100105 3 3 1 1 2 3 99 5 3 1 1.4626
100112 1 99 2 1 1 6 1 99 99 4 2.9939
100119 3 2 1 99 1 2 4 7 1 4 0.9899
100126 2 2 99 4 2 2 3 2 4 4 0.8522
100133 3 99 2 2 1 6 1 5 3 2 1.4215
100140 99 99 99 4 1 5 3 99 4 3 2.243
100147 3 4 2 4 1 1 1 3 2 3 0.5701
100154 2 3 99 99 2 2 3 3 1 4 1.3066
100161 3 99 1 2 2 4 1 6 4 4 2.6998
100168 99 3 1 2 1 2 99 99 1 3 0.3028
100175 2 2 99 1 2 3 3 1 2 4 0.875
100182 2 3 1 99 1 4 99 5 3 3 2.5055
100189 99 4 1 3 1 1 1 5 2 4 3.1271
100196 99 1 2 3 2 6 1 1 2 1 3.3529
100203 1 1 2 4 1 1 1 8 3 2 3.2558
100210 2 2 1 99 1 4 5 4 4 2 2.6522
100217 3 1 2 1 2 5 2 4 2 4 0.2039
100224 1 1 2 4 2 4 4 6 99 2 1.6042
100231 2 1 2 3 1 4 4 7 99 3 2.4326
100238 4 2 2 3 1 4 4 9 3 3 1.0362
100245 2 3 1 2 1 1 99 6 2 2 0.6872
100252 3 3 2 99 2 1 4 8 3 3 2.5798
100259 3 4 2 4 1 1 2 8 4 4 2.7888
100266 99 99 99 99 2 2 1 3 1 2 0.2054
100273 1 2 2 2 2 2 1 9 3 3 0.2121
100280 4 3 2 4 2 4 3 6 4 1 0.8352
END DATA.
VARIABLE LABELS QKEY 'Unique respondent id'
  ECON1_W34 'Thinking about the nation''s economy, how would you rate economic conditions in this country today?'
  SATIS_W34 'All in all, are you satisfied or dissatisfied with the way things are going in this country today?'
  VOTED_W34 'Did you vote in the last general election?'
  F_AGECAT 'Age category' F_SEX 'Sex' F_EDUCCAT2 'Education' F_RACECMB 'Race' F_INCOME 'Family income'
  F_PARTY_FINAL 'Party' F_CREGION 'Census region' WEIGHT_W34 'Wave 34 weight'.
VALUE LABELS ECON1_W34 1 'Excellent' 2 'Good' 3 'Only fair' 4 'Poor' 99 'Refused'
  /SATIS_W34 1 'Very satisfied' 2 'Somewhat satisfied' 3 'Somewhat dissatisfied' 4 'Very dissatisfied' 99 'Refused'
  /VOTED_W34 1 'Yes' 2 'No' 99 'Refused'
  /F_AGECAT 1 '18-29' 2 '30-49' 3 '50-64' 4 '65+' 99 'DK/REF'
  /F_SEX 1 'Male' 2 'Female'
  /F_EDUCCAT2 1 'Less than high school' 2 'High school graduate' 3 'Some college, no degree' 4 'Associate''s degree'
    5 'College graduate/some postgrad' 6 'Postgraduate'
  /F_RACECMB 1 'White' 2 'Black or African-American' 3 'Asian or Asian-American' 4 'Mixed Race' 5 'Or some other race' 99 'DK/REF'
  /F_INCOME 1 'Less than $10,000' 2 '10 to under $20,000' 3 '20 to under $30,000' 4 '30 to under $40,000'
    5 '40 to under $50,000' 6 '50 to under $75,000' 7 '75 to under $100,000' 8 '100 to under $150,000' 9 '$150,000 or more' 99 'DK/REF'
  /F_PARTY_FINAL 1 'Republican' 2 'Democrat' 3 'Independent' 4 'Something else' 99 'DK/REF'
  /F_CREGION 1 'Northeast' 2 'Midwest' 3 'South' 4 'West'.
MISSING VALUES ECON1_W34 SATIS_W34 VOTED_W34 F_AGECAT F_RACECMB F_INCOME F_PARTY_FINAL (99).
VARIABLE LEVEL ECON1_W34 SATIS_W34 F_AGECAT F_EDUCCAT2 F_INCOME (ORDINAL)
  /VOTED_W34 F_SEX F_RACECMB F_PARTY_FINAL F_CREGION (NOMINAL).
FILE LABEL ATP-style example wave (made-up answers).
WEIGHT BY WEIGHT_W34.
SAVE OUTFILE='atp-style.sav' /COMPRESSED.
