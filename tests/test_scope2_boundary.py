"""Market-based Scope 2 and the organisational boundary, on hand-worked cases.

Factor values here are test fixtures (round numbers so each result shows which rule applied), except
where a published value is named.
"""

import pytest

from carbon import InputError, build_report, calculate, load_inventory

GRID, RESIDUAL = 0.5, 0.6  # t CO2 / MWh, fixtures
FACTORS = f"""\
activity,region,year,gas,value,unit,source
electricity,US,,CO2,{GRID},t/MWh,test fixture: grid average
residual_mix,US,,CO2,{RESIDUAL},t/MWh,test fixture: residual mix
electricity,JP,,CO2,{GRID},t/MWh,test fixture: grid average without a residual mix
"""
USE = "record_id,year,scope,category,activity,quantity,unit,region,facility,entity\n"
INSTRUMENTS = "instrument_id,year,type,quantity,unit,region,facility,emission_rate,rate_unit,source,vintage\n"


def run(make_inventory, records: str, instruments: str | None = None, extra: str = "", entities: str | None = None,
        factors: str = FACTORS, name: str = "inv"):
    files = {"f.csv": factors, "activities/a.csv": USE + records}
    if instruments is not None:
        files["instruments.csv"] = INSTRUMENTS + instruments
    if entities is not None:
        files["entities.csv"] = entities
    root = make_inventory(files, factors='["f.csv"]', toml_extra=extra, name=name)
    inventory = load_inventory(root)
    ledger = calculate(inventory)
    return ledger.set_index("record_id"), build_report(inventory, ledger)


def test_recs_then_residual_mix(make_inventory):
    # 1,000 MWh consumed, 600 MWh of RECs: market = 400 MWh x residual 0.6 = 240 t; location = 1,000 x 0.5
    led, rep = run(make_inventory, "s,2023,2,electricity,electricity,1000,MWh,US-CAMX,,\n",
                   "rec1,2023,eac,600,MWh,US,,,,registry,2023\n")
    assert led.at["s", "tco2e_market"] == pytest.approx(400 * RESIDUAL, rel=1e-12)
    assert led.at["s", "tco2e_location"] == pytest.approx(1000 * GRID, rel=1e-12)
    assert led.at["s", "tco2e"] == led.at["s", "tco2e_market"]  # scope2_method defaults to market
    assert led.at["s", "market_basis"] == "rec1;residual_mix"
    y = rep["years"]["2023"]
    assert (y["scope2_market"], y["scope2_location"], y["scope2"]) == pytest.approx((240, 500, 240), rel=1e-12)
    assert rep["instruments"][0]["applied_mwh"] == 600 and rep["instruments"][0]["status"] == "applied"


def test_excess_recs_never_go_negative_and_are_reported(make_inventory):
    led, rep = run(make_inventory, "s,2023,2,electricity,electricity,1000,MWh,US,,\n",
                   "rec1,2023,eac,1500,MWh,US,,,,registry,\n")
    assert led.at["s", "tco2e_market"] == 0.0
    inst = rep["instruments"][0]
    assert inst["applied_mwh"] == 1000 and inst["excess_mwh"] == 500 and inst["status"] == "partly_applied"


def test_supplier_rate_beats_the_residual_mix(make_inventory):
    # supplier rate 300 kg/MWh on all remaining consumption: 1,000 x 0.3 = 300 t; no residual mix used
    led, _ = run(make_inventory, "s,2023,2,electricity,electricity,1000,MWh,US,,\n",
                 "util,2023,supplier_rate,,,US,,300,kg/MWh,utility disclosure,\n")
    assert led.at["s", "tco2e_market"] == pytest.approx(300, rel=1e-12)
    assert led.at["s", "market_basis"] == "util"


def test_hierarchy_recs_then_supplier_then_residual(make_inventory):
    # 1,000 MWh: 200 MWh PPA at 0; 500 MWh supplier rate 0.3 t/MWh = 150 t; 300 MWh residual 0.6 = 180 t
    led, _ = run(make_inventory, "s,2023,2,electricity,electricity,1000,MWh,US,,\n",
                 "util,2023,supplier_rate,500,MWh,US,,0.3,t/MWh,utility,\nppa1,2023,ppa,200,MWh,US,,,,contract,2023\n")
    assert led.at["s", "tco2e_market"] == pytest.approx(150 + 180, rel=1e-12)
    assert led.at["s", "market_basis"] == "ppa1;util;residual_mix"


def test_instruments_do_not_change_the_location_based_figure(make_inventory):
    records = "s,2023,2,electricity,electricity,800,MWh,US,,\n"
    with_recs, _ = run(make_inventory, records, "rec1,2023,eac,800,MWh,US,,,,r,\n")
    root = make_inventory({"f.csv": FACTORS, "activities/a.csv": USE + records}, factors='["f.csv"]', name="plain")
    without = calculate(load_inventory(root)).set_index("record_id")
    assert with_recs.at["s", "tco2e_market"] == 0.0
    assert with_recs.at["s", "tco2e_location"] == without.at["s", "tco2e_location"] == pytest.approx(400, rel=1e-12)


def test_without_instruments_or_residual_mix_market_equals_location(make_inventory):
    led, rep = run(make_inventory, "jp,2023,2,electricity,electricity,100,MWh,JP,,\n")
    assert led.at["jp", "tco2e_market"] == led.at["jp", "tco2e_location"] == pytest.approx(50, rel=1e-12)
    assert led.at["jp", "market_basis"] == "grid_average"


def test_instruments_match_only_their_market_and_facility(make_inventory):
    records = ("a,2023,2,electricity,electricity,100,MWh,US,Site A,\n"
               "b,2023,2,electricity,electricity,100,MWh,US,Site B,\n"
               "j,2023,2,electricity,electricity,100,MWh,JP,Site J,\n")
    led, rep = run(make_inventory, records, "recA,2023,eac,500,MWh,US,Site A,,,r,\n")
    assert led.at["a", "tco2e_market"] == 0.0                                      # covered
    assert led.at["b", "tco2e_market"] == pytest.approx(100 * RESIDUAL, rel=1e-12)  # other facility
    assert led.at["j", "tco2e_market"] == pytest.approx(100 * GRID, rel=1e-12)      # other market
    assert rep["instruments"][0]["excess_mwh"] == 400


def test_pro_rata_across_records_of_one_market(make_inventory):
    records = ("a,2023,2,electricity,electricity,300,MWh,US,,\nb,2023,2,electricity,electricity,100,MWh,US,,\n")
    led, _ = run(make_inventory, records, "rec,2023,eac,200,MWh,US,,,,r,\n")
    # 200 of 400 MWh covered: each record half covered; a: 150 MWh x 0.6 = 90 t, b: 50 x 0.6 = 30 t
    assert led.at["a", "tco2e_market"] == pytest.approx(90, rel=1e-12)
    assert led.at["b", "tco2e_market"] == pytest.approx(30, rel=1e-12)


def test_quality_criteria_breaches_are_listed_and_not_applied(make_inventory):
    records = "s,2023,2,electricity,electricity,100,MWh,US,,\n"
    led, rep = run(make_inventory, records, "old,2023,eac,100,MWh,US,,,,r,2019\nfar,2023,eac,100,MWh,DE,,,,r,2023\n")
    assert led.at["s", "tco2e_market"] == pytest.approx(100 * RESIDUAL, rel=1e-12)
    breaches = {i["instrument_id"]: i["breaches"] for i in rep["instruments"]}
    assert "vintage 2019 is not the reporting year 2023 or the year before" in breaches["old"][0]
    assert "no Scope 2 electricity consumption in its market (DE)" in breaches["far"][0]


def test_scope2_method_location_and_per_target_method(make_inventory):
    extra = ('scope2_method = "location"\n[[targets]]\nid = "mkt"\nscopes = [2]\nreduction = 0.3\n'
             'target_year = 2030\nscope2_method = "market"\n[[targets]]\nid = "loc"\nscopes = [2]\n'
             'reduction = 0.3\ntarget_year = 2030\n')
    records = ("b,2020,2,electricity,electricity,1000,MWh,US,,\n"
               "l,2023,2,electricity,electricity,1000,MWh,US,,\n")
    led, rep = run(make_inventory, records, "rec,2023,eac,1000,MWh,US,,,,r,\n", extra=extra)
    y = rep["years"]["2023"]
    assert y["scope2"] == y["scope2_location"] == pytest.approx(500, rel=1e-12) and y["scope2_market"] == 0.0
    targets = {t["id"]: t for t in rep["targets"]}
    # market: base 2020 = 1,000 x 0.6 residual = 600 t; 2023 = 0 -> 100% reduction
    assert targets["mkt"]["base_tco2e"] == pytest.approx(600, rel=1e-12) and targets["mkt"]["reduction"] == 1.0
    assert targets["loc"]["reduction"] == pytest.approx(0.0, abs=1e-12)  # location: 500 -> 500


def test_aib_residual_mix_end_to_end(make_inventory):
    # AIB European Residual Mixes 2023 (Table 2), Germany: 719.90 g CO2/kWh -> 1,000 MWh = 719.9 t
    factors = "activity,region,year,gas,value,unit,source\nelectricity,DE,,CO2,0.4,t/MWh,test fixture: grid\n"
    root = make_inventory({"f.csv": factors, "activities/a.csv": USE + "de,2023,2,electricity,electricity,1000,MWh,DE,,\n"},
                          factors='["f.csv", "aib-residual-mix"]')
    led = calculate(load_inventory(root)).set_index("record_id")
    assert led.at["de", "tco2e_market"] == pytest.approx(1000 * 719.90 / 1000, rel=1e-12)
    assert led.at["de", "tco2e_location"] == pytest.approx(400, rel=1e-12)


def test_bad_instruments_are_reported(make_inventory):
    root = make_inventory({"f.csv": FACTORS, "activities/a.csv": USE + "s,2023,2,electricity,electricity,1,MWh,US,,\n",
                           "instruments.csv": INSTRUMENTS + "x,2023,coupon,1,MWh,US,,,,r,\n"
                                                            "y,2023,eac,1,kg,US,,,,r,\n"
                                                            "z,2023,supplier_rate,,,US,,,,r,\n"},
                          factors='["f.csv"]')
    with pytest.raises(InputError) as caught:
        calculate(load_inventory(root))
    text = str(caught.value)
    assert "instruments.csv, row 2, record 'x': type = 'coupon': expected one of ppa, green_tariff, eac, supplier_rate" in text
    assert "record 'y': unit = 'kg': expected an energy unit" in text
    assert "record 'z': emission_rate = '': expected the supplier's emission rate" in text


# ------------------------------------------------------------------------------------ boundary
ENTITIES = """\
entity,parent,equity_share,financial_control,operational_control,acquired,divested
Parent Co,,100%,yes,yes,,
JV,Parent Co,40%,no,no,,
Sub,Parent Co,0.6,yes,yes,2022,
Old,Parent Co,1,yes,yes,,2021-06-30
"""
DIRECT = "record_id,year,scope,category,gas,quantity,unit,entity\n"


def boundary_report(make_inventory, approach: str, rows: str):
    root = make_inventory({"activities/a.csv": DIRECT + rows, "entities.csv": ENTITIES}, factors="[]",
                          toml_extra=f'consolidation = "{approach}"\n')
    inventory = load_inventory(root)
    ledger = calculate(inventory)
    return ledger.set_index("record_id"), build_report(inventory, ledger)


ROWS = ("p,2022,1,process,CO2e,100,t,Parent Co\n"
        "jv,2022,1,process,CO2e,1000,t,JV\n"
        "sub,2022,1,process,CO2e,10,t,Sub\n"
        "sub_early,2021,1,process,CO2e,10,t,Sub\n"
        "old,2022,1,process,CO2e,5,t,Old\n"
        "own,2022,1,process,CO2e,1,t,\n")


def test_equity_share_takes_40_percent_of_a_joint_venture(make_inventory):
    led, rep = boundary_report(make_inventory, "equity_share", ROWS)
    assert led.at["jv", "tco2e"] == pytest.approx(400, rel=1e-12)      # 40% of 1,000
    assert led.at["jv", "tco2e_entity"] == 1000
    assert led.at["sub", "tco2e"] == pytest.approx(6, rel=1e-12)       # 60% of 10
    assert led.at["sub_early", "tco2e"] == 0.0                          # acquired in 2022
    assert led.at["old", "tco2e"] == 0.0                                # divested in 2021
    assert led.at["own", "tco2e"] == 1                                  # blank entity: the company itself
    assert rep["years"]["2022"]["scope1"] == pytest.approx(100 + 400 + 6 + 1, rel=1e-12)
    excluded = {(e["entity"], e["year"]): e for e in rep["excluded"]}
    assert excluded[("JV", 2022)]["excluded_tco2e"] == pytest.approx(600, rel=1e-12)
    assert excluded[("Old", 2022)]["reason"] == "not owned in that year"


def test_control_approach_takes_all_or_nothing(make_inventory):
    led, rep = boundary_report(make_inventory, "operational_control", ROWS)
    assert led.at["jv", "tco2e"] == 0.0 and led.at["jv", "boundary_note"] == "no operational control"
    assert led.at["sub", "tco2e"] == 10                                 # controlled: 100%, not 60%
    assert rep["years"]["2022"]["scope1"] == pytest.approx(100 + 10 + 1, rel=1e-12)
    assert rep["excluded"][0]["entity"] in {"JV", "Old"}
    assert rep["conservation"]["records_in_ledger"] == 6                # excluded records stay in the ledger


def test_unknown_entity_is_an_error(make_inventory):
    root = make_inventory({"activities/a.csv": DIRECT + "x,2022,1,process,CO2e,1,t,Nobody\n", "entities.csv": ENTITIES},
                          factors="[]")
    with pytest.raises(InputError, match="record 'x': entity = 'Nobody': expected an entity listed in entities.csv"):
        calculate(load_inventory(root))


def test_instruments_cover_only_consumption_inside_the_boundary(make_inventory):
    entities = ("entity,parent,equity_share,financial_control,operational_control,acquired,divested\n"
                "Own,,1,yes,yes,,\nJV,,0.4,no,no,,\n")
    records = ("own,2023,2,electricity,electricity,100,MWh,US,,Own\n"
               "jv,2023,2,electricity,electricity,100,MWh,US,,JV\n")
    # operational control: the JV is out; a 150 MWh REC covers Own's 100 MWh only, 50 MWh excess
    led, rep = run(make_inventory, records, "rec,2023,eac,150,MWh,US,,,,r,\n", entities=entities)
    assert led.at["own", "tco2e_market"] == 0.0 and led.at["jv", "tco2e"] == 0.0
    assert rep["instruments"][0]["applied_mwh"] == 100 and rep["instruments"][0]["excess_mwh"] == 50
    # equity share: 100 + 40 MWh inside the boundary; a 70 MWh REC covers half of each pro rata;
    # the rest at the residual mix 0.6: own 50 x 0.6 = 30 t; jv 20 MWh x 0.6 = 12 t
    led, rep = run(make_inventory, records, "rec,2023,eac,70,MWh,US,,,,r,\n", entities=entities,
                   extra='consolidation = "equity_share"\n', name="equity")
    assert led.at["own", "tco2e_market"] == pytest.approx(30, rel=1e-12)
    assert led.at["jv", "tco2e_market"] == pytest.approx(12, rel=1e-12)
    assert rep["years"]["2023"]["scope2_market"] == pytest.approx(42, rel=1e-12)
