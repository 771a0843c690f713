window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000001"
          ],
          "editableUntil" : "2022-05-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/AbCdEf1234",
            "expanded_url" : "https://www.example.police.uk/roads",
            "display_url" : "example.police.uk/roads",
            "indices" : [
              "58",
              "81"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "82"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000001",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000001",
      "created_at" : "Sun May 01 09:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Road closed on the A38 &amp; the M5 &gt; use the diversion https://t.co/AbCdEf1234",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000002"
          ],
          "editableUntil" : "2022-05-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [],
        "media" : [
          {
            "url" : "https://t.co/PhOtO12345",
            "media_url_https" : "https://pbs.twimg.com/media/FSaaaaaXsAA1bcd.jpg",
            "type" : "photo",
            "id_str" : "1520000000000000900",
            "indices" : [
              "44",
              "67"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "67"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000002",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000002",
      "created_at" : "Sun May 01 10:15:30 +0000 2022",
      "favorited" : false,
      "full_text" : "Officers at the fun day in Bromsgrove today https://t.co/PhOtO12345",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "url" : "https://t.co/PhOtO12345",
            "media_url_https" : "https://pbs.twimg.com/media/FSaaaaaXsAA1bcd.jpg",
            "type" : "photo",
            "id_str" : "1520000000000000900",
            "ext_alt_text" : "Two officers beside a police car"
          },
          {
            "url" : "https://t.co/PhOtO12345",
            "media_url_https" : "https://pbs.twimg.com/ext_tw_video_thumb/1520000000000000901/pu/img/VvVvVv.jpg",
            "type" : "video",
            "id_str" : "1520000000000000901"
          }
        ]
      },
      "coordinates" : {
        "type" : "Point",
        "coordinates" : [
          "-2.0577",
          "52.3354"
        ]
      },
      "geo" : {
        "type" : "Point",
        "coordinates" : [
          "52.3354",
          "-2.0577"
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000003"
          ],
          "editableUntil" : "2022-05-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "40"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000003",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000003",
      "created_at" : "Sun May 01 11:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "@someone Thanks, we have passed this on.",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1519999999999999999",
      "in_reply_to_status_id" : "1519999999999999999",
      "in_reply_to_user_id_str" : "12345",
      "in_reply_to_screen_name" : "someone"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000004"
          ],
          "editableUntil" : "2022-05-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "Other Force",
            "screen_name" : "OtherForce",
            "indices" : [
              "3",
              "14"
            ],
            "id_str" : "777",
            "id" : "777"
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "74"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000004",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000004",
      "created_at" : "Sun May 01 12:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "RT @OtherForce: Have you seen this man? Call 101 quoting log 123 of 1 May.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000005"
          ],
          "editableUntil" : "2022-05-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/QuOtE12345",
            "expanded_url" : "https://twitter.com/OtherForce/status/1519000000000000000",
            "display_url" : "twitter.com/OtherForce/st…",
            "indices" : [
              "32",
              "55"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "55"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000005",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000005",
      "created_at" : "Sun May 01 13:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Good advice from our colleagues https://t.co/QuOtE12345",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1520000000000000006"
          ],
          "editableUntil" : "2022-05-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/NoTe123456",
            "expanded_url" : "https://twitter.com/i/web/status/1520000000000000006",
            "display_url" : "twitter.com/i/web/status/1…",
            "indices" : [
              "93",
              "116"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "115"
      ],
      "favorite_count" : "3",
      "id_str" : "1520000000000000006",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1520000000000000006",
      "created_at" : "Sun May 01 14:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "Our long update on the weekend's operation, which ran across three districts and involved … https://t.co/NoTe123456",
      "lang" : "en"
    }
  }
]