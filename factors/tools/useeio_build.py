"""Build factors/useeio-v1.3/ from the US EPA Supply Chain GHG Emission Factors v1.3 (NAICS-6, CO2e).

Publication: US EPA, "Supply Chain Greenhouse Gas Emission Factors v1.3 by NAICS-6" (built with the
USEEIOv2.2.22-GHG model: 2022 GHG data, AR5 GWP-100, 2022 US dollars at purchaser prices), file
``SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv`` (1,016 rows, one per 2017 NAICS 6-digit
commodity). Public domain (US federal government work).

The rows below were typed from the copy of that CSV seen through the search tool:
GitHub ``sungkomp/mcp-csv-agent``, path ``data/SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv``,
commit 2f5575dc07a520b6e626decc7c478d0bc925cae0 (117,623 characters, CRLF line ends). The two columns
that are the same on every row (GHG = ``All GHGs``, Unit = ``kg CO2e/2022 USD, purchaser price``) are left
out of each line and restored on output; every other field is kept as published, quoting included:

    2017 NAICS Code, 2017 NAICS Title, Supply Chain Emission Factors without Margins,
    Margins of Supply Chain Emission Factors, Supply Chain Emission Factors with Margins,
    Reference USEEIO Code

Checks made against the copy: 1,016 rows, codes unique and ascending; the full file rebuilt from these
lines (header, the two constant columns, CRLF) is 117,623 characters, as the copy; with = without +
margins on every row to the published rounding (0.001); min / max / mean / median of the with-margins
column 0.029 / 3.924 / 0.2819 / 0.173, as in an independent summary of the same file (a data-profile
report in another public repository).

Usage: python factors/tools/useeio_build.py [out_dir]   (default: factors/useeio-v1.3 next to this folder)
"""

from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal
from pathlib import Path

RELEASE = "US EPA Supply Chain GHG Emission Factors v1.3 (USEEIOv2.2.22-GHG, AR5, 2022 USD purchaser price)"
FILE = "SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv"
GHG = "All GHGs"
UNIT_PUBLISHED = "kg CO2e/2022 USD, purchaser price"
PRICE_YEAR = 2022
OUT_NAME = "supply_chain_naics_co2e.csv"
COLUMNS = ["activity", "region", "year", "gas", "value", "unit", "source",
           "name", "price_year", "without_margins", "margins", "useeio_code"]

# code, title, without margins, margins, with margins, Reference USEEIO Code (published order)
DATA = """\
111110,Soybean Farming,0.488,0.044,0.532,1111A0
111120,Oilseed (except Soybean) Farming,0.488,0.044,0.532,1111A0
111130,Dry Pea and Bean Farming,0.809,0.04,0.848,1111B0
111140,Wheat Farming,0.809,0.04,0.848,1111B0
111150,Corn Farming,0.809,0.04,0.848,1111B0
111160,Rice Farming,0.809,0.04,0.848,1111B0
111191,Oilseed and Grain Combination Farming,0.809,0.04,0.848,1111B0
111199,All Other Grain Farming,0.809,0.04,0.848,1111B0
111211,Potato Farming,0.591,0.041,0.631,111200
111219,Other Vegetable (except Potato) and Melon Farming,0.591,0.041,0.631,111200
111310,Orange Groves,0.429,0.059,0.488,111300
111320,Citrus (except Orange) Groves,0.429,0.059,0.488,111300
111331,Apple Orchards,0.429,0.059,0.488,111300
111332,Grape Vineyards,0.429,0.059,0.488,111300
111333,Strawberry Farming,0.429,0.059,0.488,111300
111334,Berry (except Strawberry) Farming,0.429,0.059,0.488,111300
111335,Tree Nut Farming,0.429,0.059,0.488,111300
111336,Fruit and Tree Nut Combination Farming,0.429,0.059,0.488,111300
111339,Other Noncitrus Fruit Farming,0.429,0.059,0.488,111300
111411,Mushroom Production,0.266,0.041,0.307,111400
111419,Other Food Crops Grown Under Cover,0.266,0.041,0.307,111400
111421,Nursery and Tree Production,0.266,0.041,0.307,111400
111422,Floriculture Production,0.266,0.041,0.307,111400
111910,Tobacco Farming,0.703,0.037,0.74,111900
111920,Cotton Farming,0.703,0.037,0.74,111900
111930,Sugarcane Farming,0.703,0.037,0.74,111900
111940,Hay Farming,0.703,0.037,0.74,111900
111991,Sugar Beet Farming,0.703,0.037,0.74,111900
111992,Peanut Farming,0.703,0.037,0.74,111900
111998,All Other Miscellaneous Crop Farming,0.703,0.037,0.74,111900
112111,Beef Cattle Ranching and Farming,2.847,0.045,2.893,1121A0
112112,Cattle Feedlots,2.847,0.045,2.893,1121A0
112120,Dairy Cattle and Milk Production,1.682,0.042,1.724,112120
112130,Dual-Purpose Cattle Ranching and Farming,2.847,0.045,2.893,1121A0
112210,Hog and Pig Farming,1.077,0.051,1.128,112A00
112310,Chicken Egg Production,0.407,0.031,0.438,112300
112320,Broilers and Other Meat Type Chicken Production,0.407,0.031,0.438,112300
112330,Turkey Production,0.407,0.031,0.438,112300
112340,Poultry Hatcheries,0.407,0.031,0.438,112300
112390,Other Poultry Production,0.407,0.031,0.438,112300
112410,Sheep Farming,1.077,0.051,1.128,112A00
112420,Goat Farming,1.077,0.051,1.128,112A00
112511,Finfish Farming and Fish Hatcheries,1.077,0.051,1.128,112A00
112512,Shellfish Farming,1.077,0.051,1.128,112A00
112519,Other Aquaculture,1.077,0.051,1.128,112A00
112910,Apiculture,1.077,0.051,1.128,112A00
112920,Horses and Other Equine Production,1.077,0.051,1.128,112A00
112930,Fur-Bearing Animal and Rabbit Production,1.077,0.051,1.128,112A00
112990,All Other Animal Production,1.077,0.051,1.128,112A00
113110,Timber Tract Operations,0.199,0.045,0.243,113000
113210,Forest Nurseries and Gathering of Forest Products,0.199,0.045,0.243,113000
113310,Logging,0.199,0.045,0.243,113000
114111,Finfish Fishing,0.127,0.027,0.154,114000
114112,Shellfish Fishing,0.127,0.027,0.154,114000
114119,Other Marine Fishing,0.127,0.027,0.154,114000
114210,Hunting and Trapping,0.127,0.027,0.154,114000
115111,Cotton Ginning,0.384,0,0.384,115000
115112,"Soil Preparation, Planting, and Cultivating",0.384,0,0.384,115000
115113,"Crop Harvesting, Primarily by Machine",0.384,0,0.384,115000
115114,Postharvest Crop Activities (except Cotton Ginning),0.384,0,0.384,115000
115115,Farm Labor Contractors and Crew Leaders,0.384,0,0.384,115000
115116,Farm Management Services,0.384,0,0.384,115000
115210,Support Activities for Animal Production,0.384,0,0.384,115000
115310,Support Activities for Forestry,0.384,0,0.384,115000
211120,Crude Petroleum Extraction,0.377,0.028,0.405,211000
211130,Natural Gas Extraction,0.377,0.028,0.405,211000
212111,Bituminous Coal and Lignite Surface Mining,0.747,0.094,0.841,212100
212112,Bituminous Coal Underground Mining,0.747,0.094,0.841,212100
212113,Anthracite Mining,0.747,0.094,0.841,212100
212210,Iron Ore Mining,0.54,0.054,0.593,2122A0
212221,Gold Ore Mining,0.54,0.054,0.593,2122A0
212222,Silver Ore Mining,0.54,0.054,0.593,2122A0
212230,"Copper, Nickel, Lead, and Zinc Mining",0.27,0.053,0.324,212230
212291,Uranium-Radium-Vanadium Ore Mining,0.54,0.054,0.593,2122A0
212299,All Other Metal Ore Mining,0.54,0.054,0.593,2122A0
212311,Dimension Stone Mining and Quarrying,0.193,0.086,0.279,212310
212312,Crushed and Broken Limestone Mining and Quarrying,0.193,0.086,0.279,212310
212313,Crushed and Broken Granite Mining and Quarrying,0.193,0.086,0.279,212310
212319,Other Crushed and Broken Stone Mining and Quarrying,0.193,0.086,0.279,212310
212321,Construction Sand and Gravel Mining,0.184,0.125,0.309,2123A0
212322,Industrial Sand Mining,0.184,0.125,0.309,2123A0
212324,Kaolin and Ball Clay Mining,0.184,0.125,0.309,2123A0
212325,Clay and Ceramic and Refractory Minerals Mining,0.184,0.125,0.309,2123A0
212391,"Potash, Soda, and Borate Mineral Mining",0.184,0.125,0.309,2123A0
212392,Phosphate Rock Mining,0.184,0.125,0.309,2123A0
212393,Other Chemical and Fertilizer Mineral Mining,0.184,0.125,0.309,2123A0
212399,All Other Nonmetallic Mineral Mining,0.184,0.125,0.309,2123A0
213111,Drilling Oil and Gas Wells,0.407,0,0.407,213111
213112,Support Activities for Oil and Gas Operations,0.372,0,0.372,21311A
213113,Support Activities for Coal Mining,0.372,0,0.372,21311A
213114,Support Activities for Metal Mining,0.372,0,0.372,21311A
213115,Support Activities for Nonmetallic Minerals (except Fuels) Mining,0.372,0,0.372,21311A
221210,Natural Gas Distribution,0.532,0,0.532,221200
221310,Water Supply and Irrigation Systems,0.578,0,0.578,221300
221320,Sewage Treatment Facilities,0.578,0,0.578,221300
221330,Steam and Air-Conditioning Supply,0.578,0,0.578,221300
236115,New Single-Family Housing Construction (except For-Sale Builders),0.194,0,0.194,233411
236116,New Multifamily Housing Construction (except For-Sale Builders),0.221,0,0.221,233412
236117,New Housing For-Sale Builders,0.216,0,0.216,"233411, 233412, 2334A0"
236118,Residential Remodelers,0.211,0,0.211,230302
236210,Industrial Building Construction,0.239,0,0.239,"230301, 233230"
236220,Commercial and Institutional Building Construction,0.224,0,0.224,"230301, 233210, 233262, 2332A0"
237110,Water and Sewer Line and Related Structures Construction,0.277,0,0.277,233240
237120,Oil and Gas Pipeline and Related Structures Construction,0.277,0,0.277,233240
237130,Power and Communication Line and Related Structures Construction,0.277,0,0.277,233240
237210,Land Subdivision,0.221,0,0.221,"233210, 233230, 233240, 233262, 2332A0, 2332C0, 2332D0, 233411, 233412, 2334A0"
237310,"Highway, Street, and Bridge Construction",0.255,0,0.255,2332C0
237990,Other Heavy and Civil Engineering Construction,0.202,0,0.202,2332D0
238110,Poured Concrete Foundation and Structure Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238120,Structural Steel and Precast Concrete Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238130,Framing Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238140,Masonry Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238150,Glass and Glazing Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238160,Roofing Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238170,Siding Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238190,"Other Foundation, Structure, and Building Exterior Contractors",0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238210,Electrical Contractors and Other Wiring Installation Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238220,"Plumbing, Heating, and Air-Conditioning Contractors",0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238290,Other Building Equipment Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238310,Drywall and Insulation Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238320,Painting and Wall Covering Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238330,Flooring Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238340,Tile and Terrazzo Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238350,Finish Carpentry Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238390,Other Building Finishing Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238910,Site Preparation Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
238990,All Other Specialty Trade Contractors,0.221,0,0.221,"230301, 230302, 233210, 233230, 233240, 233262, 2332A0, 2332D0, 233411, 233412, 2334A0"
311111,Dog and Cat Food Manufacturing,0.282,0.051,0.333,311111
311119,Other Animal Food Manufacturing,0.428,0.031,0.459,311119
311211,Flour Milling,0.732,0.037,0.769,311210
311212,Rice Milling,0.732,0.037,0.769,311210
311213,Malt Manufacturing,0.732,0.037,0.769,311210
311221,Wet Corn Milling,0.956,0.037,0.993,311221
311224,Soybean and Other Oilseed Processing,0.481,0.03,0.511,311224
311225,Fats and Oils Refining and Blending,0.36,0.025,0.385,311225
311230,Breakfast Cereal Manufacturing,0.423,0.05,0.473,311230
311313,Beet Sugar Manufacturing,0.442,0.04,0.482,311300
311314,Cane Sugar Manufacturing,0.442,0.04,0.482,311300
311340,Nonchocolate Confectionery Manufacturing,0.442,0.04,0.482,311300
311351,Chocolate and Confectionery Manufacturing from Cacao Beans,0.442,0.04,0.482,311300
311352,Confectionery Manufacturing from Purchased Chocolate,0.442,0.04,0.482,311300
311411,"Frozen Fruit, Juice, and Vegetable Manufacturing",0.438,0.047,0.485,311410
311412,Frozen Specialty Food Manufacturing,0.438,0.047,0.485,311410
311421,Fruit and Vegetable Canning,0.343,0.038,0.381,311420
311422,Specialty Canning,0.343,0.038,0.381,311420
311423,Dried and Dehydrated Food Manufacturing,0.343,0.038,0.381,311420
311511,Fluid Milk Manufacturing,0.766,0.037,0.803,31151A
311512,Creamery Butter Manufacturing,0.766,0.037,0.803,31151A
311513,Cheese Manufacturing,0.936,0.034,0.969,311513
311514,"Dry, Condensed, and Evaporated Dairy Product Manufacturing",0.605,0.037,0.642,311514
311520,Ice Cream and Frozen Dessert Manufacturing,0.55,0.03,0.58,311520
311611,Animal (except Poultry) Slaughtering,1.086,0.033,1.12,31161A
311612,Meat Processed from Carcasses,1.086,0.033,1.12,31161A
311613,Rendering and Meat Byproduct Processing,1.086,0.033,1.12,31161A
311615,Poultry Processing,0.361,0.031,0.391,311615
311710,Seafood Product Preparation and Packaging,0.239,0.027,0.266,311700
311811,Retail Bakeries,0.213,0.04,0.253,311810
311812,Commercial Bakeries,0.213,0.04,0.253,311810
311813,"Frozen Cakes, Pies, and Other Pastries Manufacturing",0.213,0.04,0.253,311810
311821,Cookie and Cracker Manufacturing,0.31,0.047,0.356,3118A0
311824,"Dry Pasta, Dough, and Flour Mixes Manufacturing from Purchased Flour",0.31,0.047,0.356,3118A0
311830,Tortilla Manufacturing,0.31,0.047,0.356,3118A0
311911,Roasted Nuts and Peanut Butter Manufacturing,0.329,0.044,0.372,311910
311919,Other Snack Food Manufacturing,0.329,0.044,0.372,311910
311920,Coffee and Tea Manufacturing,0.313,0.04,0.353,311920
311930,Flavoring Syrup and Concentrate Manufacturing,0.195,0.021,0.216,311930
311941,"Mayonnaise, Dressing, and Other Prepared Sauce Manufacturing",0.303,0.04,0.344,311940
311942,Spice and Extract Manufacturing,0.303,0.04,0.344,311940
311991,Perishable Prepared Food Manufacturing,0.358,0.042,0.401,311990
311999,All Other Miscellaneous Food Manufacturing,0.358,0.042,0.401,311990
312111,Soft Drink Manufacturing,0.173,0.042,0.214,312110
312112,Bottled Water Manufacturing,0.173,0.042,0.214,312110
312113,Ice Manufacturing,0.173,0.042,0.214,312110
312120,Breweries,0.209,0.066,0.274,312120
312130,Wineries,0.123,0.059,0.182,312130
312140,Distilleries,0.242,0.062,0.305,312140
312230,Tobacco Manufacturing,0.055,0.046,0.101,312200
313110,"Fiber, Yarn, and Thread Mills",0.636,0.023,0.659,313100
313210,Broadwoven Fabric Mills,0.48,0.027,0.507,313200
313220,Narrow Fabric Mills and Schiffli Machine Embroidery,0.48,0.027,0.507,313200
313230,Nonwoven Fabric Mills,0.48,0.027,0.507,313200
313240,Knit Fabric Mills,0.48,0.027,0.507,313200
313310,Textile and Fabric Finishing Mills,0.37,0.026,0.396,313300
313320,Fabric Coating Mills,0.37,0.026,0.396,313300
314110,Carpet and Rug Mills,0.224,0.068,0.292,314110
314120,Curtain and Linen Mills,0.206,0.061,0.267,314120
314910,Textile Bag and Canvas Mills,0.197,0.046,0.243,314900
314994,"Rope, Cordage, Twine, Tire Cord, and Tire Fabric Mills",0.197,0.046,0.243,314900
314999,All Other Miscellaneous Textile Product Mills,0.197,0.046,0.243,314900
315110,Hosiery and Sock Mills,0.06,0.06,0.12,315000
315190,Other Apparel Knitting Mills,0.06,0.06,0.12,315000
315210,Cut and Sew Apparel Contractors,0.06,0.06,0.12,315000
315220,Men's and Boys' Cut and Sew Apparel Manufacturing,0.06,0.06,0.12,315000
315240,"Women's, Girls', and Infants' Cut and Sew Apparel Manufacturing",0.06,0.06,0.12,315000
315280,Other Cut and Sew Apparel Manufacturing,0.06,0.06,0.12,315000
315990,Apparel Accessories and Other Apparel Manufacturing,0.06,0.06,0.12,315000
316110,Leather and Hide Tanning and Finishing,0.222,0.06,0.282,316000
316210,Footwear Manufacturing,0.222,0.06,0.282,316000
316992,Women's Handbag and Purse Manufacturing,0.222,0.06,0.282,316000
316998,All Other Leather Good and Allied Product Manufacturing,0.222,0.06,0.282,316000
321113,Sawmills,0.227,0.037,0.264,321100
321114,Wood Preservation,0.227,0.037,0.264,321100
321211,Hardwood Veneer and Plywood Manufacturing,0.187,0.021,0.208,321200
321212,Softwood Veneer and Plywood Manufacturing,0.187,0.021,0.208,321200
321213,Engineered Wood Member (except Truss) Manufacturing,0.187,0.021,0.208,321200
321214,Truss Manufacturing,0.187,0.021,0.208,321200
321219,Reconstituted Wood Product Manufacturing,0.187,0.021,0.208,321200
321911,Wood Window and Door Manufacturing,0.122,0.031,0.154,321910
321912,"Cut Stock, Resawing Lumber, and Planing",0.122,0.031,0.154,321910
321918,Other Millwork (including Flooring),0.122,0.031,0.154,321910
321920,Wood Container and Pallet Manufacturing,0.135,0.029,0.164,3219A0
321991,Manufactured Home (Mobile Home) Manufacturing,0.135,0.029,0.164,3219A0
321992,Prefabricated Wood Building Manufacturing,0.135,0.029,0.164,3219A0
321999,All Other Miscellaneous Wood Product Manufacturing,0.135,0.029,0.164,3219A0
322110,Pulp Mills,0.977,0.025,1.002,322110
322121,Paper (except Newsprint) Mills,0.603,0.047,0.649,322120
322122,Newsprint Mills,0.603,0.047,0.649,322120
322130,Paperboard Mills,0.789,0.04,0.829,322130
322211,Corrugated and Solid Fiber Box Manufacturing,0.449,0.03,0.479,322210
322212,Folding Paperboard Box Manufacturing,0.449,0.03,0.479,322210
322219,Other Paperboard Container Manufacturing,0.449,0.03,0.479,322210
322220,Paper Bag and Coated and Treated Paper Manufacturing,0.33,0.034,0.364,322220
322230,Stationery Product Manufacturing,0.265,0.031,0.296,322230
322291,Sanitary Paper Product Manufacturing,0.275,0.065,0.34,322291
322299,All Other Converted Paper Product Manufacturing,0.305,0.038,0.343,322299
323111,Commercial Printing (except Screen and Books),0.202,0.034,0.236,323110
323113,Commercial Screen Printing,0.202,0.034,0.236,323110
323117,Books Printing,0.202,0.034,0.236,323110
323120,Support Activites for Printing,0.214,0.023,0.237,323120
324110,Petroleum Refineries,0.248,0.022,0.27,324110
324121,Asphalt Paving Mixture and Block Manufacturing,1.093,0.028,1.121,324121
324122,Asphalt Shingle and Coating Materials Manufacturing,0.576,0.032,0.608,324122
324191,Petroleum Lubricating Oil and Grease Manufacturing,0.359,0.032,0.391,324190
324199,All Other Petroleum and Coal Products Manufacturing,0.359,0.032,0.391,324190
325110,Petrochemical Manufacturing,0.794,0.016,0.811,325110
325120,Industrial Gas Manufacturing,1.163,0.048,1.211,325120
325130,Synthetic Dye and Pigment Manufacturing,0.406,0.027,0.432,325130
325180,Other Basic Inorganic Chemical Manufacturing,0.974,0.036,1.01,325180
325193,Ethyl Alcohol Manufacturing,1.166,0.018,1.184,325190
325194,"Cyclic Crude, Intermediate, and Gum and Wood Chemical Manufacturing",1.166,0.018,1.184,325190
325199,All Other Basic Organic Chemical Manufacturing,1.166,0.018,1.184,325190
325211,Plastics Material and Resin Manufacturing,1.022,0.024,1.045,325211
325212,Synthetic Rubber Manufacturing,0.886,0.016,0.902,3252A0
325220,Artificial and Synthetic Fibers and Filaments Manufacturing,0.886,0.016,0.902,3252A0
325311,Nitrogenous Fertilizer Manufacturing,1.114,0.023,1.137,325310
325312,Phosphatic Fertilizer Manufacturing,1.114,0.023,1.137,325310
325314,Fertilizer (Mixing Only) Manufacturing,1.114,0.023,1.137,325310
325320,Pesticide and Other Agricultural Chemical Manufacturing,0.433,0.031,0.463,325320
325411,Medicinal and Botanical Manufacturing,0.151,0.037,0.189,325411
325412,Pharmaceutical Preparation Manufacturing,0.045,0.053,0.099,325412
325413,In-Vitro Diagnostic Substance Manufacturing,0.161,0.022,0.183,325413
325414,Biological Product (except Diagnostic) Manufacturing,0.126,0.025,0.15,325414
325510,Paint and Coating Manufacturing,0.264,0.027,0.291,325510
325520,Adhesive Manufacturing,0.502,0.029,0.531,325520
325611,Soap and Other Detergent Manufacturing,0.315,0.04,0.355,325610
325612,Polish and Other Sanitation Good Manufacturing,0.315,0.04,0.355,325610
325613,Surface Active Agent Manufacturing,0.315,0.04,0.355,325610
325620,Toilet Preparation Manufacturing,0.136,0.058,0.194,325620
325910,Printing Ink Manufacturing,0.355,0.031,0.386,325910
325920,Explosives Manufacturing,0.472,0.028,0.5,3259A0
325991,Custom Compounding of Purchased Resins,0.472,0.028,0.5,3259A0
325992,"Photographic Film, Paper, Plate, and Chemical Manufacturing",0.472,0.028,0.5,3259A0
325998,All Other Miscellaneous Chemical Product and Preparation Manufacturing,0.472,0.028,0.5,3259A0
326111,Plastics Bag and Pouch Manufacturing,0.521,0.023,0.544,326110
326112,Plastics Packaging Film and Sheet (including Laminated) Manufacturing,0.521,0.023,0.544,326110
326113,Unlaminated Plastics Film and Sheet (except Packaging) Manufacturing,0.521,0.023,0.544,326110
326121,Unlaminated Plastics Profile Shape Manufacturing,0.332,0.019,0.351,326120
326122,Plastics Pipe and Pipe Fitting Manufacturing,0.332,0.019,0.351,326120
326130,"Laminated Plastics Plate, Sheet (except Packaging), and Shape Manufacturing",0.441,0.019,0.46,326130
326140,Polystyrene Foam Product Manufacturing,0.247,0.024,0.271,326140
326150,Urethane and Other Foam Product (except Polystyrene) Manufacturing,0.318,0.042,0.36,326150
326160,Plastics Bottle Manufacturing,0.553,0.025,0.579,326160
326191,Plastics Plumbing Fixture Manufacturing,0.344,0.027,0.371,326190
326199,All Other Plastics Product Manufacturing,0.344,0.027,0.371,326190
326211,Tire Manufacturing (except Retreading),0.233,0.043,0.276,326210
326212,Tire Retreading,0.233,0.043,0.276,326210
326220,Rubber and Plastics Hoses and Belting Manufacturing,0.281,0.028,0.309,326220
326291,Rubber Product Manufacturing for Mechanical Use,0.313,0.03,0.343,326290
326299,All Other Rubber Product Manufacturing,0.313,0.03,0.343,326290
327110,"Pottery, Ceramics, and Plumbing Fixture Manufacturing",0.399,0.052,0.451,327100
327120,Clay Building Material and Refractories Manufacturing,0.399,0.052,0.451,327100
327211,Flat Glass Manufacturing,0.537,0.06,0.597,327200
327212,Other Pressed and Blown Glass and Glassware Manufacturing,0.537,0.06,0.597,327200
327213,Glass Container Manufacturing,0.537,0.06,0.597,327200
327215,Glass Product Manufacturing Made of Purchased Glass,0.537,0.06,0.597,327200
327310,Cement Manufacturing,3.846,0.078,3.924,327310
327320,Ready-Mix Concrete Manufacturing,0.54,0.067,0.606,327320
327331,Concrete Block and Brick Manufacturing,0.264,0.063,0.328,327330
327332,Concrete Pipe Manufacturing,0.264,0.063,0.328,327330
327390,Other Concrete Product Manufacturing,0.267,0.05,0.317,327390
327410,Lime Manufacturing,1.56,0.063,1.623,327400
327420,Gypsum Product Manufacturing,1.56,0.063,1.623,327400
327910,Abrasive Product Manufacturing,0.134,0.053,0.187,327910
327991,Cut Stone and Stone Product Manufacturing,0.148,0.047,0.195,327991
327992,Ground or Treated Mineral and Earth Manufacturing,0.375,0.121,0.497,327992
327993,Mineral Wool Manufacturing,0.339,0.053,0.393,327993
327999,All Other Miscellaneous Nonmetallic Mineral Product Manufacturing,0.719,0.068,0.787,327999
331110,Iron and Steel Mills and Ferroalloy Manufacturing,0.769,0.018,0.787,331110
331210,Iron and Steel Pipe and Tube Manufacturing from Purchased Steel,0.343,0.017,0.36,331200
331221,Rolled Steel Shape Manufacturing,0.343,0.017,0.36,331200
331222,Steel Wire Drawing,0.343,0.017,0.36,331200
331313,Alumina Refining and Primary Aluminum Production,1.003,0.014,1.018,331313
331315,"Aluminum Sheet, Plate, and Foil Manufacturing",0.7,0.021,0.721,33131B
331318,"Other Aluminum Rolling, Drawing, and Extruding",0.7,0.021,0.721,33131B
331410,Nonferrous Metal (except Aluminum) Smelting and Refining,0.408,0.016,0.423,331410
331420,"Copper Rolling, Drawing, Extruding, and Alloying",0.316,0.019,0.334,331420
331491,"Nonferrous Metal (except Copper and Aluminum) Rolling, Drawing, and Extruding",0.414,0.018,0.431,331490
331492,"Secondary Smelting, Refining, and Alloying of Nonferrous Metal (except Copper and Aluminum)",0.414,0.018,0.431,331490
331511,Iron Foundries,0.349,0.021,0.369,331510
331512,Steel Investment Foundries,0.349,0.021,0.369,331510
331513,Steel Foundries (except Investment),0.349,0.021,0.369,331510
331523,Nonferrous Metal Die-Casting Foundries,0.438,0.025,0.462,331520
331524,Aluminum Foundries (except Die-Casting),0.438,0.025,0.462,331520
331529,Other Nonferrous Metal Foundries (except Die-Casting),0.438,0.025,0.462,331520
332111,Iron and Steel Forging,0.47,0.023,0.493,33211A
332112,Nonferrous Forging,0.47,0.023,0.493,33211A
332114,Custom Roll Forming,0.349,0.013,0.362,332114
332117,Powder Metallurgy Part Manufacturing,0.47,0.023,0.493,33211A
332119,"Metal Crown, Closure, and Other Metal Stamping (except Automotive)",0.293,0.026,0.319,332119
332215,"Metal Kitchen Cookware, Utensil, Cutlery, and Flatware (except Precious) Manufacturing",0.174,0.049,0.223,332200
332216,Saw Blade and Handtool Manufacturing,0.174,0.049,0.223,332200
332311,Prefabricated Metal Building and Component Manufacturing,0.246,0.017,0.262,332310
332312,Fabricated Structural Metal Manufacturing,0.246,0.017,0.262,332310
332313,Plate Work Manufacturing,0.246,0.017,0.262,332310
332321,Metal Window and Door Manufacturing,0.195,0.026,0.221,332320
332322,Sheet Metal Work Manufacturing,0.195,0.026,0.221,332320
332323,Ornamental and Architectural Metal Work Manufacturing,0.195,0.026,0.221,332320
332410,Power Boiler and Heat Exchanger Manufacturing,0.182,0.027,0.209,332410
332420,Metal Tank (Heavy Gauge) Manufacturing,0.267,0.012,0.279,332420
332431,Metal Can Manufacturing,0.302,0.016,0.318,332430
332439,Other Metal Container Manufacturing,0.302,0.016,0.318,332430
332510,Hardware Manufacturing,0.157,0.034,0.191,332500
332613,Spring Manufacturing,0.219,0.014,0.233,332600
332618,Other Fabricated Wire Product Manufacturing,0.219,0.014,0.233,332600
332710,Machine Shops,0.262,0.016,0.278,332710
332721,Precision Turned Product Manufacturing,0.222,0.026,0.248,332720
332722,"Bolt, Nut, Screw, Rivet, and Washer Manufacturing",0.222,0.026,0.248,332720
332811,Metal Heat Treating,0.368,0.015,0.382,332800
332812,"Metal Coating, Engraving (except Jewelry and Silverware), and Allied Services to Manufacturers",0.368,0.015,0.382,332800
332813,"Electroplating, Plating, Polishing, Anodizing, and Coloring",0.368,0.015,0.382,332800
332911,Industrial Valve Manufacturing,0.146,0.027,0.173,33291A
332912,Fluid Power Valve and Hose Fitting Manufacturing,0.146,0.027,0.173,33291A
332913,Plumbing Fixture Fitting and Trim Manufacturing,0.126,0.045,0.171,332913
332919,Other Metal Valve and Pipe Fitting Manufacturing,0.146,0.027,0.173,33291A
332991,Ball and Roller Bearing Manufacturing,0.179,0.024,0.203,332991
332992,Small Arms Ammunition Manufacturing,0.115,0.054,0.168,33299A
332993,Ammunition (except Small Arms) Manufacturing,0.115,0.054,0.168,33299A
332994,"Small Arms, Ordnance, and Ordnance Accessories Manufacturing",0.115,0.054,0.168,33299A
332996,Fabricated Pipe and Pipe Fitting Manufacturing,0.212,0.026,0.238,332996
332999,All Other Miscellaneous Fabricated Metal Product Manufacturing,0.248,0.024,0.272,332999
333111,Farm Machinery and Equipment Manufacturing,0.191,0.029,0.22,333111
333112,Lawn and Garden Tractor and Home Lawn and Garden Equipment Manufacturing,0.052,0.068,0.12,333112
333120,Construction Machinery Manufacturing,0.201,0.027,0.228,333120
333131,Mining Machinery and Equipment Manufacturing,0.175,0.044,0.219,333130
333132,Oil and Gas Field Machinery and Equipment Manufacturing,0.175,0.044,0.219,333130
333241,Food Product Machinery Manufacturing,0.166,0.019,0.185,33329A
333242,Semiconductor Machinery Manufacturing,0.13,0.02,0.15,333242
333243,"Sawmill, Woodworking, and Paper Machinery Manufacturing",0.166,0.019,0.185,33329A
333244,Printing Machinery and Equipment Manufacturing,0.166,0.019,0.185,33329A
333249,Other Industrial Machinery Manufacturing,0.166,0.019,0.185,33329A
333314,Optical Instrument and Lens Manufacturing,0.152,0.023,0.175,333314
333316,Photographic and Photocopying Equipment Manufacturing,0.085,0.05,0.135,333316
333318,Other Commercial and Service Industry Machinery Manufacturing,0.171,0.034,0.205,333318
333413,Industrial and Commercial Fan and Blower and Air Purification Equipment Manufacturing,0.184,0.025,0.21,333413
333414,Heating Equipment (except Warm Air Furnaces) Manufacturing,0.138,0.038,0.176,333414
333415,Air-Conditioning and Warm Air Heating Equipment and Commercial and Industrial Refrigeration Equipment Manufacturing,0.156,0.028,0.184,333415
333511,Industrial Mold Manufacturing,0.236,0.025,0.262,333511
333514,"Special Die and Tool, Die Set, Jig, and Fixture Manufacturing",0.184,0.026,0.21,333514
333515,Cutting Tool and Machine Tool Accessory Manufacturing,0.184,0.023,0.207,33351B
333517,Machine Tool Manufacturing,0.176,0.023,0.199,333517
333519,Rolling Mill and Other Metalworking Machinery Manufacturing,0.184,0.023,0.207,33351B
333611,Turbine and Turbine Generator Set Units Manufacturing,0.178,0.024,0.201,333611
333612,"Speed Changer, Industrial High-Speed Drive, and Gear Manufacturing",0.163,0.016,0.179,333612
333613,Mechanical Power Transmission Equipment Manufacturing,0.187,0.022,0.209,333613
333618,Other Engine Equipment Manufacturing,0.273,0.024,0.297,333618
333912,Air and Gas Compressor Manufacturing,0.158,0.02,0.177,333912
333914,"Measuring, Dispensing, and Other Pumping Equipment Manufacturing",0.223,0,0.223,333914
333921,Elevator and Moving Stairway Manufacturing,0.234,0.022,0.256,333920
333922,Conveyor and Conveying Equipment Manufacturing,0.234,0.022,0.256,333920
333923,"Overhead Traveling Crane, Hoist, and Monorail System Manufacturing",0.234,0.022,0.256,333920
333924,"Industrial Truck, Tractor, Trailer, and Stacker Machinery Manufacturing",0.234,0.022,0.256,333920
333991,Power-Driven Handtool Manufacturing,0.083,0.053,0.136,333991
333992,Welding and Soldering Equipment Manufacturing,0.228,0.021,0.249,33399A
333993,Packaging Machinery Manufacturing,0.113,0.023,0.136,333993
333994,Industrial Process Furnace and Oven Manufacturing,0.168,0.022,0.19,333994
333995,Fluid Power Cylinder and Actuator Manufacturing,0.182,0.021,0.202,33399B
333996,Fluid Power Pump and Motor Manufacturing,0.182,0.021,0.202,33399B
333997,Scale and Balance Manufacturing,0.228,0.021,0.249,33399A
333999,All Other Miscellaneous General Purpose Machinery Manufacturing,0.228,0.021,0.249,33399A
334111,Electronic Computer Manufacturing,0.03,0.028,0.058,334111
334112,Computer Storage Device Manufacturing,0.04,0.031,0.071,334112
334118,Computer Terminal and Other Computer Peripheral Equipment Manufacturing,0.116,0.027,0.143,334118
334210,Telephone Apparatus Manufacturing,0.051,0.045,0.096,334210
334220,Radio and Television Broadcasting and Wireless Communications Equipment Manufacturing,0.065,0.047,0.111,334220
334290,Other Communications Equipment Manufacturing,0.038,0.042,0.08,334290
334310,Audio and Video Equipment Manufacturing,0.043,0.038,0.081,334300
334412,Bare Printed Circuit Board Manufacturing,0.08,0.019,0.098,33441A
334413,Semiconductor and Related Device Manufacturing,0.188,0.028,0.215,334413
334416,"Capacitor, Resistor, Coil, Transformer, and Other Inductor Manufacturing",0.08,0.019,0.098,33441A
334417,Electronic Connector Manufacturing,0.08,0.019,0.098,33441A
334418,Printed Circuit Assembly (Electronic Assembly) Manufacturing,0.068,0.033,0.101,334418
334419,Other Electronic Component Manufacturing,0.08,0.019,0.098,33441A
334510,Electromedical and Electrotherapeutic Apparatus Manufacturing,0.087,0.048,0.135,334510
334511,"Search, Detection, Navigation, Guidance, Aeronautical, and Nautical System and Instrument Manufacturing",0.052,0.019,0.071,334511
334512,"Automatic Environmental Control Manufacturing for Residential, Commercial, and Appliance Use",0.047,0.023,0.07,334512
334513,"Instruments and Related Products Manufacturing for Measuring, Displaying, and Controlling Industrial Process Variables",0.048,0.015,0.063,334513
334514,Totalizing Fluid Meter and Counting Device Manufacturing,0.063,0.021,0.084,334514
334515,Instrument Manufacturing for Measuring and Testing Electricity and Electrical Signals,0.055,0.024,0.079,334515
334516,Analytical Laboratory Instrument Manufacturing,0.078,0.024,0.102,334516
334517,Irradiation Apparatus Manufacturing,0.097,0.038,0.135,334517
334519,Other Measuring and Controlling Device Manufacturing,0.044,0.042,0.087,33451A
334613,Blank Magnetic and Optical Recording Media Manufacturing,0.043,0.021,0.063,334610
334614,"Software and Other Prerecorded Compact Disc, Tape, and Record Reproducing",0.043,0.021,0.063,334610
335110,Electric Lamp Bulb and Part Manufacturing,0.099,0.074,0.173,335110
335121,Residential Electric Lighting Fixture Manufacturing,0.138,0.047,0.185,335120
335122,"Commercial, Industrial, and Institutional Electric Lighting Fixture Manufacturing",0.138,0.047,0.185,335120
335129,Other Lighting Equipment Manufacturing,0.138,0.047,0.185,335120
335210,Small Electrical Appliance Manufacturing,0.106,0.051,0.157,335210
335220,Major Household Appliance Manufacturing,0.137,0.034,0.172,335220
335311,"Power, Distribution, and Specialty Transformer Manufacturing",0.118,0.015,0.133,335311
335312,Motor and Generator Manufacturing,0.133,0.019,0.152,335312
335313,Switchgear and Switchboard Apparatus Manufacturing,0.153,0.021,0.174,335313
335314,Relay and Industrial Control Manufacturing,0.12,0.018,0.138,335314
335911,Storage Battery Manufacturing,0.311,0.026,0.337,335911
335912,Primary Battery Manufacturing,0.046,0.057,0.103,335912
335921,Fiber Optic Cable Manufacturing,0.219,0.016,0.235,335920
335929,Other Communication and Energy Wire Manufacturing,0.219,0.016,0.235,335920
335931,Current-Carrying Wiring Device Manufacturing,0.102,0.026,0.127,335930
335932,Noncurrent-Carrying Wiring Device Manufacturing,0.102,0.026,0.127,335930
335991,Carbon and Graphite Product Manufacturing,0.347,0.016,0.363,335991
335999,All Other Miscellaneous Electrical Equipment and Component Manufacturing,0.112,0.016,0.128,335999
336111,Automobile Manufacturing,0.19,0.05,0.24,336111
336112,Light Truck and Utility Vehicle Manufacturing,0.241,0.027,0.268,336112
336120,Heavy Duty Truck Manufacturing,0.262,0.011,0.272,336120
336211,Motor Vehicle Body Manufacturing,0.225,0.028,0.253,336211
336212,Truck Trailer Manufacturing,0.185,0.015,0.2,336212
336213,Motor Home Manufacturing,0.055,0.052,0.107,336213
336214,Travel Trailer and Camper Manufacturing,0.128,0.033,0.16,336214
336310,Motor Vehicle Gasoline Engine and Engine Parts Manufacturing,0.23,0.029,0.259,336310
336320,Motor Vehicle Electrical and Electronic Equipment Manufacturing,0.191,0.027,0.218,336320
336330,Motor Vehicle Steering and Suspension Components (except Spring) Manufacturing,0.25,0.028,0.278,3363A0
336340,Motor Vehicle Brake System Manufacturing,0.25,0.028,0.278,3363A0
336350,Motor Vehicle Transmission and Power Train Parts Manufacturing,0.226,0.027,0.252,336350
336360,Motor Vehicle Seating and Interior Trim Manufacturing,0.315,0.018,0.333,336360
336370,Motor Vehicle Metal Stamping,0.482,0.02,0.503,336370
336390,Other Motor Vehicle Parts Manufacturing,0.242,0.024,0.265,336390
336411,Aircraft Manufacturing,0.131,0.009,0.139,336411
336412,Aircraft Engine and Engine Parts Manufacturing,0.151,0.005,0.156,336412
336413,Other Aircraft Parts and Auxiliary Equipment Manufacturing,0.163,0.007,0.17,336413
336414,Guided Missile and Space Vehicle Manufacturing,0.133,0.009,0.142,336414
336415,Guided Missile and Space Vehicle Propulsion Unit and Propulsion Unit Parts Manufacturing,0.286,0.007,0.294,33641A
336419,Other Guided Missile and Space Vehicle Parts and Auxiliary Equipment Manufacturing,0.286,0.007,0.294,33641A
336510,Railroad Rolling Stock Manufacturing,0.413,0.031,0.444,336500
336611,Ship Building and Repairing,0.187,0.008,0.196,336611
336612,Boat Building,0.15,0.032,0.182,336612
336991,"Motorcycle, Bicycle, and Parts Manufacturing",0.178,0.044,0.222,336991
336992,"Military Armored Vehicle, Tank, and Tank Component Manufacturing",0.431,0.012,0.443,336992
336999,All Other Transportation Equipment Manufacturing,0.157,0.038,0.195,336999
337110,Wood Kitchen Cabinet and Countertop Manufacturing,0.114,0.053,0.166,337110
337121,Upholstered Household Furniture Manufacturing,0.133,0.055,0.188,337121
337122,Nonupholstered Wood Household Furniture Manufacturing,0.121,0.057,0.178,337122
337124,Metal Household Furniture Manufacturing,0.168,0.059,0.227,33712N
337125,Household Furniture (except Wood and Metal) Manufacturing,0.168,0.059,0.227,33712N
337127,Institutional Furniture Manufacturing,0.208,0.038,0.246,337127
337211,Wood Office Furniture Manufacturing,0.184,0.056,0.24,33721A
337212,Custom Architectural Woodwork and Millwork Manufacturing,0.184,0.056,0.24,33721A
337214,Office Furniture (except Wood) Manufacturing,0.184,0.056,0.24,33721A
337215,"Showcase, Partition, Shelving, and Locker Manufacturing",0.206,0.04,0.246,337215
337910,Mattress Manufacturing,0.11,0.063,0.173,337900
337920,Blind and Shade Manufacturing,0.11,0.063,0.173,337900
339112,Surgical and Medical Instrument Manufacturing,0.119,0.037,0.156,339112
339113,Surgical Appliance and Supplies Manufacturing,0.096,0.045,0.14,339113
339114,Dental Equipment and Supplies Manufacturing,0.143,0.03,0.174,339114
339115,Ophthalmic Goods Manufacturing,0.086,0.052,0.138,339115
339116,Dental Laboratories,0.083,0.034,0.117,339116
339910,Jewelry and Silverware Manufacturing,0.055,0.053,0.108,339910
339920,Sporting and Athletic Goods Manufacturing,0.104,0.064,0.167,339920
339930,"Doll, Toy, and Game Manufacturing",0.085,0.061,0.146,339930
339940,Office Supplies (except Paper) Manufacturing,0.204,0.061,0.265,339940
339950,Sign Manufacturing,0.187,0.063,0.25,339950
339991,"Gasket, Packing, and Sealing Device Manufacturing",0.121,0.061,0.182,339990
339992,Musical Instrument Manufacturing,0.121,0.061,0.182,339990
339993,"Fastener, Button, Needle, and Pin Manufacturing",0.121,0.061,0.182,339990
339994,"Broom, Brush, and Mop Manufacturing",0.121,0.061,0.182,339990
339995,Burial Casket Manufacturing,0.121,0.061,0.182,339990
339999,All Other Miscellaneous Manufacturing,0.121,0.061,0.182,339990
423110,Automobile and Other Motor Vehicle Merchant Wholesalers,0.115,0,0.115,423100
423120,Motor Vehicle Supplies and New Parts Merchant Wholesalers,0.115,0,0.115,423100
423130,Tire and Tube Merchant Wholesalers,0.115,0,0.115,423100
423140,Motor Vehicle Parts (Used) Merchant Wholesalers,0.115,0,0.115,423100
423210,Furniture Merchant Wholesalers,0.108,0,0.108,423A00
423220,Home Furnishing Merchant Wholesalers,0.108,0,0.108,423A00
423310,"Lumber, Plywood, Millwork, and Wood Panel Merchant Wholesalers",0.108,0,0.108,423A00
423320,"Brick, Stone, and Related Construction Material Merchant Wholesalers",0.108,0,0.108,423A00
423330,"Roofing, Siding, and Insulation Material Merchant Wholesalers",0.108,0,0.108,423A00
423390,Other Construction Material Merchant Wholesalers,0.108,0,0.108,423A00
423410,Photographic Equipment and Supplies Merchant Wholesalers,0.074,0,0.074,423400
423420,Office Equipment Merchant Wholesalers,0.074,0,0.074,423400
423430,Computer and Computer Peripheral Equipment and Software Merchant Wholesalers,0.074,0,0.074,423400
423440,Other Commercial Equipment Merchant Wholesalers,0.074,0,0.074,423400
423450,"Medical, Dental, and Hospital Equipment and Supplies Merchant Wholesalers",0.074,0,0.074,423400
423460,Ophthalmic Goods Merchant Wholesalers,0.074,0,0.074,423400
423490,Other Professional Equipment and Supplies Merchant Wholesalers,0.074,0,0.074,423400
423510,Metal Service Centers and Other Metal Merchant Wholesalers,0.108,0,0.108,423A00
423520,Coal and Other Mineral and Ore Merchant Wholesalers,0.108,0,0.108,423A00
423610,"Electrical Apparatus and Equipment, Wiring Supplies, and Related Equipment Merchant Wholesalers",0.083,0,0.083,423600
423620,"Household Appliances, Electric Housewares, and Consumer Electronics Merchant Wholesalers",0.083,0,0.083,423600
423690,Other Electronic Parts and Equipment Merchant Wholesalers,0.083,0,0.083,423600
423710,Hardware Merchant Wholesalers,0.108,0,0.108,423A00
423720,Plumbing and Heating Equipment and Supplies (Hydronics) Merchant Wholesalers,0.108,0,0.108,423A00
423730,Warm Air Heating and Air-Conditioning Equipment and Supplies Merchant Wholesalers,0.108,0,0.108,423A00
423740,Refrigeration Equipment and Supplies Merchant Wholesalers,0.108,0,0.108,423A00
423810,Construction and Mining (except Oil Well) Machinery and Equipment Merchant Wholesalers,0.115,0,0.115,423800
423820,Farm and Garden Machinery and Equipment Merchant Wholesalers,0.115,0,0.115,423800
423830,Industrial Machinery and Equipment Merchant Wholesalers,0.115,0,0.115,423800
423840,Industrial Supplies Merchant Wholesalers,0.115,0,0.115,423800
423850,Service Establishment Equipment and Supplies Merchant Wholesalers,0.115,0,0.115,423800
423860,Transportation Equipment and Supplies (except Motor Vehicle) Merchant Wholesalers,0.115,0,0.115,423800
423910,Sporting and Recreational Goods and Supplies Merchant Wholesalers,0.108,0,0.108,423A00
423920,Toy and Hobby Goods and Supplies Merchant Wholesalers,0.108,0,0.108,423A00
423930,Recyclable Material Merchant Wholesalers,0.108,0,0.108,423A00
423940,"Jewelry, Watch, Precious Stone, and Precious Metal Merchant Wholesalers",0.108,0,0.108,423A00
423990,Other Miscellaneous Durable Goods Merchant Wholesalers,0.108,0,0.108,423A00
424110,Printing and Writing Paper Merchant Wholesalers,0.144,0,0.144,424A00
424120,Stationery and Office Supplies Merchant Wholesalers,0.144,0,0.144,424A00
424130,Industrial and Personal Service Paper Merchant Wholesalers,0.144,0,0.144,424A00
424210,Drugs and Druggists' Sundries Merchant Wholesalers,0.095,0,0.095,424200
424310,"Piece Goods, Notions, and Other Dry Goods Merchant Wholesalers",0.144,0,0.144,424A00
424320,Men's and Boys' Clothing and Furnishings Merchant Wholesalers,0.144,0,0.144,424A00
424330,"Women's, Children's, and Infants' Clothing and Accessories Merchant Wholesalers",0.144,0,0.144,424A00
424340,Footwear Merchant Wholesalers,0.144,0,0.144,424A00
424410,General Line Grocery Merchant Wholesalers,0.159,0,0.159,424400
424420,Packaged Frozen Food Merchant Wholesalers,0.159,0,0.159,424400
424430,Dairy Product (except Dried or Canned) Merchant Wholesalers,0.159,0,0.159,424400
424440,Poultry and Poultry Product Merchant Wholesalers,0.159,0,0.159,424400
424450,Confectionery Merchant Wholesalers,0.159,0,0.159,424400
424460,Fish and Seafood Merchant Wholesalers,0.159,0,0.159,424400
424470,Meat and Meat Product Merchant Wholesalers,0.159,0,0.159,424400
424480,Fresh Fruit and Vegetable Merchant Wholesalers,0.159,0,0.159,424400
424490,Other Grocery and Related Products Merchant Wholesalers,0.159,0,0.159,424400
424510,Grain and Field Bean Merchant Wholesalers,0.144,0,0.144,424A00
424520,Livestock Merchant Wholesalers,0.144,0,0.144,424A00
424590,Other Farm Product Raw Material Merchant Wholesalers,0.144,0,0.144,424A00
424610,Plastics Materials and Basic Forms and Shapes Merchant Wholesalers,0.144,0,0.144,424A00
424690,Other Chemical and Allied Products Merchant Wholesalers,0.144,0,0.144,424A00
424710,Petroleum Bulk Stations and Terminals,0.102,0,0.102,424700
424720,Petroleum and Petroleum Products Merchant Wholesalers (except Bulk Stations and Terminals),0.102,0,0.102,424700
424810,Beer and Ale Merchant Wholesalers,0.144,0,0.144,424A00
424820,Wine and Distilled Alcoholic Beverage Merchant Wholesalers,0.144,0,0.144,424A00
424910,Farm Supplies Merchant Wholesalers,0.144,0,0.144,424A00
424920,"Book, Periodical, and Newspaper Merchant Wholesalers",0.144,0,0.144,424A00
424930,"Flower, Nursery Stock, and Florists' Supplies Merchant Wholesalers",0.144,0,0.144,424A00
424940,Tobacco and Tobacco Product Merchant Wholesalers,0.144,0,0.144,424A00
424950,"Paint, Varnish, and Supplies Merchant Wholesalers",0.144,0,0.144,424A00
424990,Other Miscellaneous Nondurable Goods Merchant Wholesalers,0.144,0,0.144,424A00
425110,Business to Business Electronic Markets,0.092,0,0.092,425000
425120,Wholesale Trade Agents and Brokers,0.092,0,0.092,425000
441110,New Car Dealers,0.073,0,0.073,441000
441120,Used Car Dealers,0.073,0,0.073,441000
441210,Recreational Vehicle Dealers,0.073,0,0.073,441000
441222,Boat Dealers,0.073,0,0.073,441000
441228,"Motorcycle, ATV, and All Other Motor Vehicle Dealers",0.073,0,0.073,441000
441310,Automotive Parts and Accessories Stores,0.073,0,0.073,441000
441320,Tire Dealers,0.073,0,0.073,441000
442110,Furniture Stores,0.111,0,0.111,4B0000
442210,Floor Covering Stores,0.111,0,0.111,4B0000
442291,Window Treatment Stores,0.111,0,0.111,4B0000
442299,All Other Home Furnishings Stores,0.111,0,0.111,4B0000
443141,Household Appliance Stores,0.111,0,0.111,4B0000
443142,Electronics Stores,0.111,0,0.111,4B0000
444110,Home Centers,0.087,0,0.087,444000
444120,Paint and Wallpaper Stores,0.087,0,0.087,444000
444130,Hardware Stores,0.087,0,0.087,444000
444190,Other Building Material Dealers,0.087,0,0.087,444000
444210,Outdoor Power Equipment Stores,0.087,0,0.087,444000
444220,"Nursery, Garden Center, and Farm Supply Stores",0.087,0,0.087,444000
445110,Supermarkets and Other Grocery (except Convenience) Stores,0.186,0,0.186,445000
445120,Convenience Stores,0.186,0,0.186,445000
445210,Meat Markets,0.186,0,0.186,445000
445220,Fish and Seafood Markets,0.186,0,0.186,445000
445230,Fruit and Vegetable Markets,0.186,0,0.186,445000
445291,Baked Goods Stores,0.186,0,0.186,445000
445292,Confectionery and Nut Stores,0.186,0,0.186,445000
445299,All Other Specialty Food Stores,0.186,0,0.186,445000
445310,"Beer, Wine, and Liquor Stores",0.186,0,0.186,445000
446110,Pharmacies and Drug Stores,0.13,0,0.13,446000
446120,"Cosmetics, Beauty Supplies, and Perfume Stores",0.13,0,0.13,446000
446130,Optical Goods Stores,0.13,0,0.13,446000
446191,Food (Health) Supplement Stores,0.13,0,0.13,446000
446199,All Other Health and Personal Care Stores,0.13,0,0.13,446000
447110,Gasoline Stations with Convenience Stores,0.183,0,0.183,447000
447190,Other Gasoline Stations,0.183,0,0.183,447000
448110,Men's Clothing Stores,0.138,0,0.138,448000
448120,Women's Clothing Stores,0.138,0,0.138,448000
448130,Children's and Infants' Clothing Stores,0.138,0,0.138,448000
448140,Family Clothing Stores,0.138,0,0.138,448000
448150,Clothing Accessories Stores,0.138,0,0.138,448000
448190,Other Clothing Stores,0.138,0,0.138,448000
448210,Shoe Stores,0.138,0,0.138,448000
448310,Jewelry Stores,0.138,0,0.138,448000
448320,Luggage and Leather Goods Stores,0.138,0,0.138,448000
451110,Sporting Goods Stores,0.111,0,0.111,4B0000
451120,"Hobby, Toy, and Game Stores",0.111,0,0.111,4B0000
451130,"Sewing, Needlework, and Piece Goods Stores",0.111,0,0.111,4B0000
451140,Musical Instrument and Supplies Stores,0.111,0,0.111,4B0000
451211,Book Stores,0.111,0,0.111,4B0000
451212,News Dealers and Newsstands,0.111,0,0.111,4B0000
452210,Department Stores,0.164,0,0.164,452000
452311,Warehouse Clubs and Supercenters,0.164,0,0.164,452000
452319,All Other General Merchandise Stores,0.164,0,0.164,452000
453110,Florists,0.111,0,0.111,4B0000
453210,Office Supplies and Stationery Stores,0.111,0,0.111,4B0000
453220,"Gift, Novelty, and Souvenir Stores",0.111,0,0.111,4B0000
453310,Used Merchandise Stores,0.111,0,0.111,4B0000
453910,Pet and Pet Supplies Stores,0.111,0,0.111,4B0000
453920,Art Dealers,0.111,0,0.111,4B0000
453930,Manufactured (Mobile) Home Dealers,0.111,0,0.111,4B0000
453991,Tobacco Stores,0.111,0,0.111,4B0000
453998,All Other Miscellaneous Store Retailers (except Tobacco Stores),0.111,0,0.111,4B0000
454110,Electronic Shopping and Mail-Order Houses,0.094,0,0.094,454000
454210,Vending Machine Operators,0.094,0,0.094,454000
454310,Fuel Dealers,0.094,0,0.094,454000
454390,Other Direct Selling Establishments,0.094,0,0.094,454000
481111,Scheduled Passenger Air Transportation,0.644,0,0.644,481000
481112,Scheduled Freight Air Transportation,0.644,0,0.644,481000
481211,Nonscheduled Chartered Passenger Air Transportation,0.644,0,0.644,481000
481212,Nonscheduled Chartered Freight Air Transportation,0.644,0,0.644,481000
481219,Other Nonscheduled Air Transportation,0.644,0,0.644,481000
482111,Line-Haul Railroads,0.466,0,0.466,482000
482112,Short Line Railroads,0.466,0,0.466,482000
483111,Deep Sea Freight Transportation,0.816,0,0.816,483000
483112,Deep Sea Passenger Transportation,0.816,0,0.816,483000
483113,Coastal and Great Lakes Freight Transportation,0.816,0,0.816,483000
483114,Coastal and Great Lakes Passenger Transportation,0.816,0,0.816,483000
483211,Inland Water Freight Transportation,0.816,0,0.816,483000
483212,Inland Water Passenger Transportation,0.816,0,0.816,483000
484110,"General Freight Trucking, Local",0.595,0,0.595,484000
484121,"General Freight Trucking, Long-Distance, Truckload",0.595,0,0.595,484000
484122,"General Freight Trucking, Long-Distance, Less Than Truckload",0.595,0,0.595,484000
484210,Used Household and Office Goods Moving,0.595,0,0.595,484000
484220,"Specialized Freight (except Used Goods) Trucking, Local",0.595,0,0.595,484000
484230,"Specialized Freight (except Used Goods) Trucking, Long-Distance",0.595,0,0.595,484000
485111,Mixed Mode Transit Systems,0.566,0,0.566,485000
485112,Commuter Rail Systems,0.566,0,0.566,485000
485113,Bus and Other Motor Vehicle Transit Systems,0.566,0,0.566,485000
485119,Other Urban Transit Systems,0.566,0,0.566,485000
485210,Interurban and Rural Bus Transportation,0.566,0,0.566,485000
485310,Taxi Service,0.566,0,0.566,485000
485320,Limousine Service,0.566,0,0.566,485000
485410,School and Employee Bus Transportation,0.566,0,0.566,485000
485510,Charter Bus Industry,0.566,0,0.566,485000
485991,Special Needs Transportation,0.566,0,0.566,485000
485999,All Other Transit and Ground Passenger Transportation,0.566,0,0.566,485000
486110,Pipeline Transportation of Crude Oil,1.619,0,1.619,486000
486210,Pipeline Transportation of Natural Gas,1.619,0,1.619,486000
486910,Pipeline Transportation of Refined Petroleum Products,1.619,0,1.619,486000
486990,All Other Pipeline Transportation,1.619,0,1.619,486000
487110,"Scenic and Sightseeing Transportation, Land",0.162,0,0.162,48A000
487210,"Scenic and Sightseeing Transportation, Water",0.162,0,0.162,48A000
487990,"Scenic and Sightseeing Transportation, Other",0.162,0,0.162,48A000
488111,Air Traffic Control,0.162,0,0.162,48A000
488119,Other Airport Operations,0.162,0,0.162,48A000
488190,Other Support Activities for Air Transportation,0.162,0,0.162,48A000
488210,Support Activities for Rail Transportation,0.162,0,0.162,48A000
488310,Port and Harbor Operations,0.162,0,0.162,48A000
488320,Marine Cargo Handling,0.162,0,0.162,48A000
488330,Navigational Services to Shipping,0.162,0,0.162,48A000
488390,Other Support Activities for Water Transportation,0.162,0,0.162,48A000
488410,Motor Vehicle Towing,0.162,0,0.162,48A000
488490,Other Support Activities for Road Transportation,0.162,0,0.162,48A000
488510,Freight Transportation Arrangement,0.162,0,0.162,48A000
488991,Packing and Crating,0.162,0,0.162,48A000
488999,All Other Support Activities for Transportation,0.162,0,0.162,48A000
491110,Postal Service,0.074,0,0.074,491000
492110,Couriers and Express Delivery Services,0.303,0,0.303,492000
492210,Local Messengers and Local Delivery,0.303,0,0.303,492000
493110,General Warehousing and Storage,0.244,0,0.244,493000
493120,Refrigerated Warehousing and Storage,0.244,0,0.244,493000
493130,Farm Product Warehousing and Storage,0.244,0,0.244,493000
493190,Other Warehousing and Storage,0.244,0,0.244,493000
511110,Newspaper Publishers,0.043,0.039,0.082,511110
511120,Periodical Publishers,0.059,0.043,0.103,511120
511130,Book Publishers,0.072,0.035,0.107,511130
511140,Directory and Mailing List Publishers,0.053,0.055,0.108,5111A0
511191,Greeting Card Publishers,0.053,0.055,0.108,5111A0
511199,All Other Publishers,0.053,0.055,0.108,5111A0
511210,Software Publishers,0.036,0.045,0.08,511200
512110,Motion Picture and Video Production,0.047,0.005,0.052,512100
512120,Motion Picture and Video Distribution,0.047,0.005,0.052,512100
512131,Motion Picture Theaters (except Drive-Ins),0.047,0.005,0.052,512100
512132,Drive-In Motion Picture Theaters,0.047,0.005,0.052,512100
512191,Teleproduction and Other Postproduction Services,0.047,0.005,0.052,512100
512199,Other Motion Picture and Video Industries,0.047,0.005,0.052,512100
512230,Music Publishers,0.026,0.018,0.044,512200
512240,Sound Recording Studios,0.026,0.018,0.044,512200
512250,Record Production and Distribution,0.026,0.018,0.044,512200
512290,Other Sound Recording Industries,0.026,0.018,0.044,512200
515111,Radio Networks,0.079,0,0.079,515100
515112,Radio Stations,0.079,0,0.079,515100
515120,Television Broadcasting,0.079,0,0.079,515100
515210,Cable and Other Subscription Programming,0.094,0,0.094,515200
517311,Wired Telecommunications Carriers,0.075,0,0.075,517110
517312,Wireless Telecommunications Carriers (except Satellite),0.096,0,0.096,517210
517410,Satellite Telecommunications,0.078,0,0.078,517A00
517911,Telecommunications Resellers,0.078,0,0.078,517A00
517919,All Other Telecommunications,0.078,0,0.078,517A00
518210,"Data Processing, Hosting, and Related Services",0.093,0,0.093,518200
519110,News Syndicates,0.064,0,0.064,5191A0
519120,Libraries and Archives,0.064,0,0.064,5191A0
519130,Internet Publishing and Broadcasting and Web Search Portals,0.067,0,0.067,519130
519190,All Other Information Services,0.064,0,0.064,5191A0
521110,Monetary Authorities-Central Bank,0.059,0,0.059,52A000
522110,Commercial Banking,0.059,0,0.059,52A000
522120,Savings Institutions,0.059,0,0.059,52A000
522130,Credit Unions,0.059,0,0.059,52A000
522190,Other Depository Credit Intermediation,0.059,0,0.059,52A000
522210,Credit Card Issuing,0.072,0,0.072,522A00
522220,Sales Financing,0.072,0,0.072,522A00
522291,Consumer Lending,0.072,0,0.072,522A00
522292,Real Estate Credit,0.072,0,0.072,522A00
522293,International Trade Financing,0.072,0,0.072,522A00
522294,Secondary Market Financing,0.072,0,0.072,522A00
522298,All Other Nondepository Credit Intermediation,0.072,0,0.072,522A00
522310,Mortgage and Nonmortgage Loan Brokers,0.072,0,0.072,522A00
522320,"Financial Transactions Processing, Reserve, and Clearinghouse Activities",0.072,0,0.072,522A00
522390,Other Activities Related to Credit Intermediation,0.072,0,0.072,522A00
523110,Investment Banking and Securities Dealing,0.043,0,0.043,523A00
523120,Securities Brokerage,0.043,0,0.043,523A00
523130,Commodity Contracts Dealing,0.043,0,0.043,523A00
523140,Commodity Contracts Brokerage,0.043,0,0.043,523A00
523210,Securities and Commodity Exchanges,0.043,0,0.043,523A00
523910,Miscellaneous Intermediation,0.066,0,0.066,523900
523920,Portfolio Management,0.066,0,0.066,523900
523930,Investment Advice,0.066,0,0.066,523900
523991,"Trust, Fiduciary, and Custody Activities",0.066,0,0.066,523900
523999,Miscellaneous Financial Investment Activities,0.066,0,0.066,523900
524113,Direct Life Insurance Carriers,0.051,0,0.051,524113
524114,Direct Health and Medical Insurance Carriers,0.033,0,0.033,5241XX
524126,Direct Property and Casualty Insurance Carriers,0.033,0,0.033,5241XX
524127,Direct Title Insurance Carriers,0.033,0,0.033,5241XX
524128,"Other Direct Insurance (except Life, Health, and Medical) Carriers",0.033,0,0.033,5241XX
524130,Reinsurance Carriers,0.033,0,0.033,5241XX
524210,Insurance Agencies and Brokerages,0.029,0,0.029,524200
524291,Claims Adjusting,0.029,0,0.029,524200
524292,Third Party Administration of Insurance and Pension Funds,0.029,0,0.029,524200
524298,All Other Insurance Related Activities,0.029,0,0.029,524200
525110,Pension Funds,0.218,0,0.218,525000
525120,Health and Welfare Funds,0.218,0,0.218,525000
525190,Other Insurance Funds,0.218,0,0.218,525000
525910,Open-End Investment Funds,0.218,0,0.218,525000
525920,"Trusts, Estates, and Agency Accounts",0.218,0,0.218,525000
525990,Other Financial Vehicles,0.218,0,0.218,525000
531110,Lessors of Residential Buildings and Dwellings,0.033,0,0.033,"531HSO, 531HST"
531120,Lessors of Nonresidential Buildings (excpet Miniwarehouses),0.246,0,0.246,531ORE
531130,Lessors of Miniwarehouses and Self-Storage Units,0.246,0,0.246,531ORE
531190,Lessors of Other Real Estate Property,0.246,0,0.246,531ORE
531210,Offices of Real Estate Agents and Brokers,0.246,0,0.246,531ORE
531311,Residential Property Managers,0.246,0,0.246,531ORE
531312,Nonresidential Property Managers,0.246,0,0.246,531ORE
531320,Offices of Real Estate Appraisers,0.246,0,0.246,531ORE
531390,Other Activities Related to Real Estate,0.246,0,0.246,531ORE
532111,Passenger Car Rental,0.11,0,0.11,532100
532112,Passenger Car Leasing,0.11,0,0.11,532100
532120,"Truck, Utility Trailer, and RV (Recreational Vehicle) Rental and Leasing",0.11,0,0.11,532100
532210,Consumer Electronics and Appliances Rental,0.102,0,0.102,532A00
532281,Formal Wear and Costume Rental,0.102,0,0.102,532A00
532282,Video Tape and Disc Rental,0.102,0,0.102,532A00
532283,Home Health Equipment Rental,0.102,0,0.102,532A00
532284,Recreational Goods Rental,0.102,0,0.102,532A00
532289,All Other Consumer Goods Rental,0.102,0,0.102,532A00
532310,General Rental Centers,0.102,0,0.102,532A00
532411,"Commercial Air, Rail, and Water Transportation Equipment Rental and Leasing",0.106,0,0.106,532400
532412,"Construction, Mining, and Forestry Machinery and Equipment Rental and Leasing",0.106,0,0.106,532400
532420,Office Machinery and Equipment Rental and Leasing,0.106,0,0.106,532400
532490,Other Commercial and Industrial Machinery and Equipment Rental and Leasing,0.106,0,0.106,532400
533110,Lessors of Nonfinancial Intangible Assets (except Copyrighted Works),0.052,0,0.052,533000
541110,Offices of Lawyers,0.041,0,0.041,541100
541120,Offices of Notaries,0.041,0,0.041,541100
541191,Title Abstract and Settlement Offices,0.041,0,0.041,541100
541199,All Other Legal Services,0.041,0,0.041,541100
541211,Offices of Certified Public Accountants,0.054,0,0.054,541200
541213,Tax Preparation Services,0.054,0,0.054,541200
541214,Payroll Services,0.054,0,0.054,541200
541219,Other Accounting Services,0.054,0,0.054,541200
541310,Architectural Services,0.103,0,0.103,541300
541320,Landscape Architectural Services,0.103,0,0.103,541300
541330,Engineering Services,0.103,0,0.103,541300
541340,Drafting Services,0.103,0,0.103,541300
541350,Building Inspection Services,0.103,0,0.103,541300
541360,Geophysical Surveying and Mapping Services,0.103,0,0.103,541300
541370,Surveying and Mapping (except Geophysical) Services,0.103,0,0.103,541300
541380,Testing Laboratories,0.103,0,0.103,541300
541410,Interior Design Services,0.094,0,0.094,541400
541420,Industrial Design Services,0.094,0,0.094,541400
541430,Graphic Design Services,0.094,0,0.094,541400
541490,Other Specialized Design Services,0.094,0,0.094,541400
541511,Custom Computer Programming Services,0.084,0,0.084,541511
541512,Computer Systems Design Services,0.089,0,0.089,541512
541513,Computer Facilities Management Services,0.08,0,0.08,54151A
541519,Other Computer Related Services,0.08,0,0.08,54151A
541611,Administrative Management and General Management Consulting Services,0.078,0,0.078,541610
541612,Human Resources Consulting Services,0.078,0,0.078,541610
541613,Marketing Consulting Services,0.078,0,0.078,541610
541614,"Process, Physical Distribution, and Logistics Consulting Services",0.078,0,0.078,541610
541618,Other Management Consulting Services,0.078,0,0.078,541610
541620,Environmental Consulting Services,0.09,0,0.09,5416A0
541690,Other Scientific and Technical Consulting Services,0.09,0,0.09,5416A0
541713,Research and Development in Nanotechnology,0.156,0,0.156,541700
541714,Research and Development in Biotechnology (except Nanobiotechnology),0.156,0,0.156,541700
541715,"Research and Development in the Physical, Engineering, and Life Sciences (except Nanotechnology and Biotechnology)",0.156,0,0.156,541700
541720,Research and Development in the Social Sciences and Humanities,0.156,0,0.156,541700
541810,Advertising Agencies,0.085,0,0.085,541800
541820,Public Relations Agencies,0.085,0,0.085,541800
541830,Media Buying Agencies,0.085,0,0.085,541800
541840,Media Representatives,0.085,0,0.085,541800
541850,Outdoor Advertising,0.085,0,0.085,541800
541860,Direct Mail Advertising,0.085,0,0.085,541800
541870,Advertising Material Distribution Services,0.085,0,0.085,541800
541890,Other Services Related to Advertising,0.085,0,0.085,541800
541910,Marketing Research and Public Opinion Polling,0.08,0,0.08,5419A0
541921,"Photography Studios, Portrait",0.125,0,0.125,541920
541922,Commercial Photography,0.125,0,0.125,541920
541930,Translation and Interpretation Services,0.08,0,0.08,5419A0
541940,Veterinary Services,0.127,0,0.127,541940
541990,"All Other Professional, Scientific, and Technical Services",0.08,0,0.08,5419A0
551111,Offices of Bank Holding Companies,0.084,0,0.084,550000
551112,Offices of Other Holding Companies,0.084,0,0.084,550000
551114,"Corporate, Subsidiary, and Regional Managing Offices",0.084,0,0.084,550000
561110,Office Administrative Services,0.1,0,0.1,561100
561210,Facilities Support Services,0.199,0,0.199,561200
561311,Employment Placement Agencies,0.051,0,0.051,561300
561312,Executive Search Services,0.051,0,0.051,561300
561320,Temporary Help Services,0.051,0,0.051,561300
561330,Professional Employer Organizations,0.051,0,0.051,561300
561410,Document Preparation Services,0.111,0,0.111,561400
561421,Telephone Answering Services,0.111,0,0.111,561400
561422,Telemarketing Bureaus and Other Contact Centers,0.111,0,0.111,561400
561431,Private Mail Centers,0.111,0,0.111,561400
561439,Other Business Service Centers (including Copy Shops),0.111,0,0.111,561400
561440,Collection Agencies,0.111,0,0.111,561400
561450,Credit Bureaus,0.111,0,0.111,561400
561491,Repossession Services,0.111,0,0.111,561400
561492,Court Reporting and Stenotype Services,0.111,0,0.111,561400
561499,All Other Business Support Services,0.111,0,0.111,561400
561510,Travel Agencies,0.088,0,0.088,561500
561520,Tour Operators,0.088,0,0.088,561500
561591,Convention and Visitors Bureaus,0.088,0,0.088,561500
561599,All Other Travel Arrangement and Reservation Services,0.088,0,0.088,561500
561611,Investigation Services,0.074,0,0.074,561600
561612,Security Guards and Patrol Services,0.074,0,0.074,561600
561613,Armored Car Services,0.074,0,0.074,561600
561621,Security Systems Services (except Locksmiths),0.074,0,0.074,561600
561622,Locksmiths,0.074,0,0.074,561600
561710,Exterminating and Pest Control Services,0.214,0,0.214,561700
561720,Janitorial Services,0.214,0,0.214,561700
561730,Landscaping Services,0.214,0,0.214,561700
561740,Carpet and Upholstery Cleaning Services,0.214,0,0.214,561700
561790,Other Services to Buildings and Dwellings,0.214,0,0.214,561700
561910,Packaging and Labeling Services,0.127,0,0.127,561900
561920,Convention and Trade Show Organizers,0.127,0,0.127,561900
561990,All Other Support Services,0.127,0,0.127,561900
562111,Solid Waste Collection,0.988,0,0.988,562000
562112,Hazardous Waste Collection,0.988,0,0.988,562000
562119,Other Waste Collection,0.988,0,0.988,562000
562211,Hazardous Waste Treatment and Disposal,0.988,0,0.988,562000
562212,Solid Waste Landfill,0.988,0,0.988,562000
562213,Solid Waste Combustors and Incinerators,0.988,0,0.988,562000
562219,Other Nonhazardous Waste Treatment and Disposal,0.988,0,0.988,562000
562910,Remediation Services,0.988,0,0.988,562000
562920,Materials Recovery Facilities,0.988,0,0.988,562000
562991,Septic Tank and Related Services,0.988,0,0.988,562000
562998,All Other Miscellaneous Waste Management Services,0.988,0,0.988,562000
611110,Elementary and Secondary Schools,0.186,0,0.186,611100
611210,Junior Colleges,0.14,0,0.14,611A00
611310,"Colleges, Universities, and Professional Schools",0.14,0,0.14,611A00
611410,Business and Secretarial Schools,0.108,0,0.108,611B00
611420,Computer Training,0.108,0,0.108,611B00
611430,Professional and Management Development Training,0.108,0,0.108,611B00
611511,Cosmetology and Barber Schools,0.108,0,0.108,611B00
611512,Flight Training,0.108,0,0.108,611B00
611513,Apprenticeship Training,0.108,0,0.108,611B00
611519,Other Technical and Trade Schools,0.108,0,0.108,611B00
611610,Fine Arts Schools,0.108,0,0.108,611B00
611620,Sports and Recreation Instruction,0.108,0,0.108,611B00
611630,Language Schools,0.108,0,0.108,611B00
611691,Exam Preparation and Tutoring,0.108,0,0.108,611B00
611692,Automobile Driving Schools,0.108,0,0.108,611B00
611699,All Other Miscellaneous Schools and Instruction,0.108,0,0.108,611B00
611710,Educational Support Services,0.108,0,0.108,611B00
621111,Offices of Physicians (except Mental Health Specialists),0.083,0,0.083,621100
621112,"Offices of Physicians, Mental Health Specialists",0.083,0,0.083,621100
621210,Offices of Dentists,0.056,0,0.056,621200
621310,Offices of Chiropractors,0.105,0,0.105,621300
621320,Offices of Optometrists,0.105,0,0.105,621300
621330,Offices of Mental Health Practitioners (except Physicians),0.105,0,0.105,621300
621340,"Offices of Physical, Occupational and Speech Therapists, and Audiologists",0.105,0,0.105,621300
621391,Offices of Podiatrists,0.105,0,0.105,621300
621399,Offices of All Other Miscellaneous Health Practitioners,0.105,0,0.105,621300
621410,Family Planning Centers,0.096,0,0.096,621400
621420,Outpatient Mental Health and Substance Abuse Centers,0.096,0,0.096,621400
621491,HMO Medical Centers,0.096,0,0.096,621400
621492,Kidney Dialysis Centers,0.096,0,0.096,621400
621493,Freestanding Ambulatory Surgical and Emergency Centers,0.096,0,0.096,621400
621498,All Other Outpatient Care Centers,0.096,0,0.096,621400
621511,Medical Laboratories,0.092,0,0.092,621500
621512,Diagnostic Imaging Centers,0.092,0,0.092,621500
621610,Home Health Care Services,0.104,0,0.104,621600
621910,Ambulance Services,0.18,0,0.18,621900
621991,Blood and Organ Banks,0.18,0,0.18,621900
621999,All Other Miscellaneous Ambulatory Health Care Services,0.18,0,0.18,621900
622110,General Medical and Surgical Hospitals,0.145,0,0.145,622000
622210,Psychiatric and Substance Abuse Hospitals,0.145,0,0.145,622000
622310,Specialty (except Psychiatric and Substance Abuse) Hospitals,0.145,0,0.145,622000
623110,Nursing Care Facilities (Skilled Nursing Facilities),0.159,0,0.159,623A00
623210,Residential Intellectual and Developmental Disability Facilities,0.129,0,0.129,623B00
623220,Residential Mental Health and Substance Abuse Facilities,0.129,0,0.129,623B00
623311,Continuing Care Retirement Communities,0.159,0,0.159,623A00
623312,Assisted Living Facilities for the Elderly,0.159,0,0.159,623A00
623990,Other Residential Care Facilities,0.129,0,0.129,623B00
624110,Child and Youth Services,0.118,0,0.118,624100
624120,Services for the Elderly and Persons with Disabilities,0.118,0,0.118,624100
624190,Other Individual and Family Services,0.118,0,0.118,624100
624210,Community Food Services,0.217,0,0.217,624A00
624221,Temporary Shelters,0.217,0,0.217,624A00
624229,Other Community Housing Services,0.217,0,0.217,624A00
624230,Emergency and Other Relief Services,0.217,0,0.217,624A00
624310,Vocational Rehabilitation Services,0.217,0,0.217,624A00
624410,Child Day Care Services,0.215,0,0.215,624400
711110,Theater Companies and Dinner Theaters,0.086,0,0.086,711100
711120,Dance Companies,0.086,0,0.086,711100
711130,Musical Groups and Artists,0.086,0,0.086,711100
711190,Other Performing Arts Companies,0.086,0,0.086,711100
711211,Sports Teams and Clubs,0.067,0,0.067,711200
711212,Racetracks,0.067,0,0.067,711200
711219,Other Spectator Sports,0.067,0,0.067,711200
711310,"Promoters of Performing Arts, Sports, and Similar Events with Facilities",0.093,0,0.093,711A00
711320,"Promoters of Performing Arts, Sports, and Similar Events without Facilities",0.093,0,0.093,711A00
711410,"Agents and Managers for Artists, Athletes, Entertainers, and Other Public Figures",0.093,0,0.093,711A00
711510,"Independent Artists, Writers, and Performers",0.033,0,0.033,711500
712110,Museums,0.136,0,0.136,712000
712120,Historical Sites,0.136,0,0.136,712000
712130,Zoos and Botanical Gardens,0.136,0,0.136,712000
712190,Nature Parks and Other Similar Institutions,0.136,0,0.136,712000
713110,Amusement and Theme Parks,0.167,0,0.167,713100
713120,Amusement Arcades,0.167,0,0.167,713100
713210,Casinos (except Casino Hotels),0.174,0,0.174,713200
713290,Other Gambling Industries,0.174,0,0.174,713200
713910,Golf Courses and Country Clubs,0.235,0,0.235,713900
713920,Skiing Facilities,0.235,0,0.235,713900
713930,Marinas,0.235,0,0.235,713900
713940,Fitness and Recreational Sports Centers,0.235,0,0.235,713900
713950,Bowling Centers,0.235,0,0.235,713900
713990,All Other Amusement and Recreation Industries,0.235,0,0.235,713900
721110,Hotels (except Casino Hotels) and Motels,0.145,0,0.145,721000
721120,Casino Hotels,0.145,0,0.145,721000
721191,Bed-and-Breakfast Inns,0.145,0,0.145,721000
721199,All Other Traveler Accommodation,0.145,0,0.145,721000
721211,RV (Recreational Vehicle) Parks and Campgrounds,0.145,0,0.145,721000
721214,Recreational and Vacation Camps (except Campgrounds),0.145,0,0.145,721000
721310,"Rooming and Boarding Houses, Dormitories, and Workers' Camps",0.145,0,0.145,721000
722310,Food Service Contractors,0.132,0,0.132,722A00
722320,Caterers,0.132,0,0.132,722A00
722330,Mobile Food Services,0.132,0,0.132,722A00
722410,Drinking Places (Alcoholic Beverages),0.132,0,0.132,722A00
722511,Full-Service Restaurants,0.194,0,0.194,722110
722513,Limited-Service Restaurants,0.255,0,0.255,722211
722514,"Cafeterias, Grill Buffets, and Buffets",0.132,0,0.132,722A00
722515,Snack and Nonalcoholic Beverage Bars,0.132,0,0.132,722A00
811111,General Automotive Repair,0.103,0,0.103,811100
811112,Automotive Exhaust System Repair,0.103,0,0.103,811100
811113,Automotive Transmission Repair,0.103,0,0.103,811100
811118,Other Automotive Mechanical and Electrical Repair and Maintenance,0.103,0,0.103,811100
811121,"Automotive Body, Paint, and Interior Repair and Maintenance",0.103,0,0.103,811100
811122,Automotive Glass Replacement Shops,0.103,0,0.103,811100
811191,Automotive Oil Change and Lubrication Shops,0.103,0,0.103,811100
811192,Car Washes,0.103,0,0.103,811100
811198,All Other Automotive Repair and Maintenance,0.103,0,0.103,811100
811211,Consumer Electronics Repair and Maintenance,0.076,0,0.076,811200
811212,Computer and Office Machine Repair and Maintenance,0.076,0,0.076,811200
811213,Communication Equipment Repair and Maintenance,0.076,0,0.076,811200
811219,Other Electronic and Precision Equipment Repair and Maintenance,0.076,0,0.076,811200
811310,Commercial and Industrial Machinery and Equipment (except Automotive and Electronic) Repair and Maintenance,0.136,0,0.136,811300
811411,Home and Garden Equipment Repair and Maintenance,0.113,0,0.113,811400
811412,Appliance Repair and Maintenance,0.113,0,0.113,811400
811420,Reupholstery and Furniture Repair,0.113,0,0.113,811400
811430,Footwear and Leather Goods Repair,0.113,0,0.113,811400
811490,Other Personal and Household Goods Repair and Maintenance,0.113,0,0.113,811400
812111,Barber Shops,0.125,0,0.125,812100
812112,Beauty Salons,0.125,0,0.125,812100
812113,Nail Salons,0.125,0,0.125,812100
812191,Diet and Weight Reducing Centers,0.125,0,0.125,812100
812199,Other Personal Care Services,0.125,0,0.125,812100
812210,Funeral Homes and Funeral Services,0.047,0,0.047,812200
812220,Cemeteries and Crematories,0.047,0,0.047,812200
812310,Coin-Operated Laundries and Drycleaners,0.158,0,0.158,812300
812320,Drycleaning and Laundry Services (except Coin-Operated),0.158,0,0.158,812300
812331,Linen Supply,0.158,0,0.158,812300
812332,Industrial Launderers,0.158,0,0.158,812300
812910,Pet Care (except Veterinary) Services,0.111,0,0.111,812900
812921,Photofinishing Laboratories (except One-Hour),0.111,0,0.111,812900
812922,One-Hour Photofinishing,0.111,0,0.111,812900
812930,Parking Lots and Garages,0.111,0,0.111,812900
812990,All Other Personal Services,0.111,0,0.111,812900
813110,Religious Organizations,0.076,0,0.076,813100
813211,Grantmaking Foundations,0.059,0,0.059,813A00
813212,Voluntary Health Organizations,0.059,0,0.059,813A00
813219,Other Grantmaking and Giving Services,0.059,0,0.059,813A00
813311,Human Rights Organizations,0.059,0,0.059,813A00
813312,"Environment, Conservation and Wildlife Organizations",0.059,0,0.059,813A00
813319,Other Social Advocacy Organizations,0.059,0,0.059,813A00
813410,Civic and Social Organizations,0.128,0,0.128,813B00
813910,Business Associations,0.128,0,0.128,813B00
813920,Professional Organizations,0.128,0,0.128,813B00
813930,Labor Unions and Similar Labor Organizations,0.128,0,0.128,813B00
813940,Political Organizations,0.128,0,0.128,813B00
813990,"Other Similar Organizations (except Business, Professional, Labor, and Political Organizations)",0.128,0,0.128,813B00
"""


def published_rows() -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(DATA)))
    assert len(rows) == 1016, len(rows)
    codes = [r[0] for r in rows]
    assert all(len(r) == 6 for r in rows)
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert codes == sorted(set(codes)), "codes unique and ascending"
    for code, _, without, margin, with_, _ in rows:
        assert abs(Decimal(without) + Decimal(margin) - Decimal(with_)) <= Decimal("0.0015"), code
    return rows


def published_text(rows: list[list[str]]) -> str:
    """The CSV as published (header, every column, CRLF), to compare with a downloaded copy."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["2017 NAICS Code", "2017 NAICS Title", "GHG", "Unit",
                "Supply Chain Emission Factors without Margins", "Margins of Supply Chain Emission Factors",
                "Supply Chain Emission Factors with Margins", "Reference USEEIO Code"])
    for code, title, without, margin, with_, ref in rows:
        w.writerow([code, title, GHG, UNIT_PUBLISHED, without, margin, with_, ref])
    return out.getvalue()


def build(out_dir: Path) -> int:
    rows = published_rows()
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / OUT_NAME, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for n, (code, title, without, margin, with_, ref) in enumerate(rows, start=1):
            source = (f"{RELEASE}, {FILE}, row {n} (NAICS {code}), "
                      f"Supply Chain Emission Factors with Margins")
            w.writerow([f"naics_{code}", "", "", "CO2e", with_, "kg/USD", source,
                        title, PRICE_YEAR, without, margin, ref])
    return len(rows)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent.parent
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "useeio-v1.3"
    print(f"{build(target)} rows -> {target / OUT_NAME}")
