"""Place names of the region, so that "Kings Heath" or "Sutton Coldfield" is not read as a
person. Town and area names only; streets are recognised by their suffix."""

from __future__ import annotations

PLACES = frozenset(
    """Birmingham Wolverhampton Coventry Walsall Dudley Sandwell Solihull West Bromwich Smethwick
    Oldbury Tipton Wednesbury Bilston Willenhall Darlaston Bloxwich Aldridge Brownhills Halesowen
    Stourbridge Brierley Hill Sedgley Kingswinford Netherton Cradley Heath Rowley Regis Blackheath
    Erdington Handsworth Aston Lozells Perry Barr Kingstanding Sutton Coldfield Castle Vale
    Chelmsley Wood Shard End Hodge Hill Stechford Yardley Acocks Green Hall Green Sparkhill
    Sparkbrook Small Heath Bordesley Digbeth Deritend Balsall Heath Moseley Kings Heath Kings
    Norton Northfield Longbridge Rubery Selly Oak Bournville Harborne Edgbaston Quinton Ladywood
    Nechells Saltley Washwood Alum Rock Ward End Bromford Tyseley Hay Mills Sheldon Marston
    Green Shirley Knowle Dorridge Balsall Common Meriden Hockley Jewellery Quarter Winson Newtown
    Great Barr Hamstead Oscott Witton Stirchley Cotteridge Druids Heath Maypole Weoley Bartley
    Frankley Tile Hill Canley Earlsdon Foleshill Hillfields Stoke Wyken Binley Willenhall Tile
    Radford Holbrooks Longford Bell Green Allesley Keresley Whoberley Chapelfields Cheylesmore
    Finham Styvechale Whitmore Reans Whitmore Tettenhall Wednesfield Low Hill Bushbury Heath Town
    Ettingshall Blakenhall Penn Merry Hill Pendeford Fordhouses Park Village Goldthorn
    Caldmore Palfrey Pleck Leamore Beechdale Chuckery Rushall Pelsall Streetly Great Bridge
    Princes End Ocker Hill Friar Park Hateley Heath Tividale Langley Warley Bearwood Cape Hill
    Soho Winson Green Brandhall Lye Wordsley Amblecote Pensnett Gornal Coseley Upper Lower
    Wollaston Pedmore Hagley Kinver Lichfield Tamworth Nuneaton Bedworth Kenilworth Warwick
    Leamington Redditch Bromsgrove Kidderminster Cannock Stafford Telford Shropshire Staffordshire
    Warwickshire Worcestershire Black Country Midlands England Britain UK London Manchester
    Leicester Nottingham Bristol Liverpool Leeds Sheffield Bloxwich Moxley Kingshurst Fordbridge
    Smith's Wood Chelmsley Hamstead Newton Lyndon Olton Elmdon Hampton Arden Berkswell Fillongley
    Lloyd House Colmore Broad Bullring Selfridges Snow Hill New Street Moor Street Fort Parkway
    Star City Resorts World NEC ICC Villa Park Molineux Hawthorns Edgbaston St Andrew's Brum""".split()
)

# Words of place names that are also ordinary English or common surnames: not evidence of a place
# on their own.
_ORDINARY = frozenset(
    """Hill Heath Green Park Village Town Common End Rock Wood Upper Lower Low New Old Great
    Little Bell Hall Street Broad Star City Castle Vale Bridge Cape Lye Penn Soho Stoke Oval
    Newton Hampton Arden Marston Langley Radford Friar Princes Merry Ward Winson Moor Snow Fort
    Resorts World Common Upper Tile Wood Lodge House Bank Park Cross Ocker Palfrey Pleck Quarry
    Hay Mills Bromford Washwood Saltley Alum Lyndon Olton Sheldon Bordesley Kings Norton Selly
    Oak Temple Lloyd Colmore Jewellery Quarter Hockley Four Oaks""".split()
)
PLACES_LOWER = frozenset(p.lower() for p in PLACES - _ORDINARY) | frozenset(
    {"brum", "wolves", "brummie"}
)
